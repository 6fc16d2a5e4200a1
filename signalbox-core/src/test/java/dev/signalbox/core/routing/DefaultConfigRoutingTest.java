package dev.signalbox.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in configuration, end to end: YAML, signals, the {@code auto} rules, the table. */
class DefaultConfigRoutingTest {
  private static RoutingTable table;

  @BeforeAll
  static void load() {
    table = RoutingTable.from(ConfigLoader.loadDefault());
  }

  static Optional<RoutingTable.Routed> decide(String model, String text) {
    RouteRequest request = RouteRequest.chat("t", model, text);
    return table.decide(request, SignalExtractor.extract(request));
  }

  static RoutingTable.Routed auto(String text) {
    return decide("auto", text).orElseThrow();
  }

  @Test
  void auto_greeting_goesToSmall() {
    RoutingTable.Routed routed = auto("hi");
    assertThat(routed.route()).isEqualTo("auto");
    assertThat(routed.model()).isEqualTo("sim-small");
    assertThat(routed.decision().trace().reason()).startsWith("rule 'small-talk' matched");
  }

  @Test
  void auto_pythonCodingRequest_goesToLarge() {
    RoutingTable.Routed routed = auto("Write a python function that checks whether a string is a palindrome.");
    assertThat(routed.model()).isEqualTo("sim-large");
    assertThat(routed.decision().trace().reason()).isEqualTo("rule 'hard-tasks' matched: task=code");
  }

  @Test
  void auto_hardKeywordInGeneralQuestion_goesToLarge() {
    RoutingTable.Routed routed = auto("What is a good architecture for a small web shop?");
    assertThat(routed.model()).isEqualTo("sim-large");
    assertThat(routed.decision().trace().reason()).contains("keyword 'architecture'");
  }

  @Test
  void auto_genericMidLengthQuestion_goesToMedium() {
    String question = String.join(" ",
        "We moved into an old house last spring and the garden behind it has been left alone for years.",
        "There are roses along the fence, a big apple tree in the corner and a lot of grass that grows",
        "between the stones of the path. My partner would like to keep it wild for the birds and bees,",
        "while I would rather have a small lawn where the children can play and a few beds for herbs.",
        "The soil is heavy and wet in winter, and the sun only reaches the back half of the garden in",
        "the afternoon. Our neighbours have offered us some plants from their own garden, and a friend",
        "says we should wait a full year before changing anything so that we can see what comes up in",
        "each season. We have a modest budget and not much free time on weekends, because both of us",
        "work and the children have sports on Saturday mornings. We also wonder whether the apple tree",
        "needs cutting back, since it drops a lot of fruit that the wasps love in late summer, and",
        "whether the roses need anything special before the first frost arrives in the autumn months.",
        "A small shed stands near the back gate, but its roof leaks and the door no longer closes well,",
        "so the garden tools have to live in the hallway for now. The children would love a swing or a",
        "little sandpit, and my parents keep telling us that a vegetable patch would be a good way for",
        "them to learn where food comes from. We are not sure how much of this we can fit in, or in",
        "which order it makes sense to plan it over the next two or three years.",
        "Which things would you do first, and what could we leave for later without much harm?");
    Signals signals = SignalExtractor.extract(RouteRequest.chat("t", "auto", question));
    assertThat(signals.promptTokens()).as("long enough to pass the small-talk limit").isGreaterThan(300);
    assertThat(signals.task()).isEqualTo("general");
    RoutingTable.Routed routed = auto(question);
    assertThat(routed.model()).isEqualTo("sim-medium");
    assertThat(routed.decision().trace().reason()).isEqualTo("no rule matched; default model sim-medium");
  }

  @Test
  void auto_thirtyThousandTokenPrompt_goesToLarge() {
    String document = "lorem ipsum dolor sit amet consectetur adipiscing elit. ".repeat(2730);
    assertThat(SignalExtractor.extract(RouteRequest.chat("t", "auto", document)).promptTokens())
        .isBetween(29_000, 31_000);
    RoutingTable.Routed routed = auto(document);
    assertThat(routed.model()).isEqualTo("sim-large");
    assertThat(routed.decision().trace().reason()).matches("rule 'long-context' matched: prompt_tokens 3\\d{4} >= 24000");
  }

  @Test
  void auto_embeddingsRequest_goesToTheModelThatServesEmbeddings() {
    RouteRequest request = new RouteRequest(
        "t", Operation.EMBEDDINGS, "auto", List.of(Message.user("hello")), -1, false, Map.of());
    assertThat(table.decide(request, SignalExtractor.extract(request)).orElseThrow().model()).isEqualTo("sim-embed");
  }

  @Test
  void table_autoAndRouteNames_resolve() {
    assertThat(table.defaultRoute()).isEqualTo("auto");
    assertThat(table.routeNames()).containsExactly("auto", "cheap", "best");
    assertThat(table.knows("auto")).isTrue();
    assertThat(decide("cheap", "prove the Riemann hypothesis").orElseThrow())
        .satisfies(r -> assertThat(r.route()).isEqualTo("cheap"))
        .satisfies(r -> assertThat(r.model()).isEqualTo("sim-small"));
    assertThat(decide("best", "hi").orElseThrow().model()).isEqualTo("sim-large");
  }

  @Test
  void table_modelName_goesDirect() {
    RoutingTable.Routed routed = decide("sim-medium", "Write a python function").orElseThrow();
    assertThat(routed.route()).isEqualTo(RoutingTable.DIRECT);
    assertThat(routed.model()).isEqualTo("sim-medium");
    assertThat(routed.decision().trace().policy()).isEqualTo("direct");
  }

  @Test
  void table_unknownName_givesEmpty() {
    assertThat(decide("gpt-17", "hi")).isEmpty();
    assertThat(table.knows("gpt-17")).isFalse();
  }
}
