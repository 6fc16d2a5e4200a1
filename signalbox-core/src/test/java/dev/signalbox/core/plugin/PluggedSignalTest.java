package dev.signalbox.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.ConfigurationKeys;
import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.ConfigReference;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import org.junit.jupiter.api.Test;

/** A signal and its condition that plug in by ServiceLoader are extracted, traced, routed on and documented. */
class PluggedSignalTest {
  private static final String CONFIG = """
      models:
        - {name: small, endpoints: [{url: 'http://127.0.0.1:1'}]}
        - {name: large, endpoints: [{url: 'http://127.0.0.1:2'}]}
      routes:
        - name: auto
          policy: rules
          default: small
          rules:
            - {name: questions, priority: 10, when: {question: true}, model: large}
      """;

  static Router router(String yaml) {
    return RoutingTable.from(ConfigLoader.parse(yaml, name -> null)).router("auto").orElseThrow();
  }

  @Test
  void theSignal_isExtracted_andShownInTheTrace() {
    Signals asked = SignalExtractor.extract(RouteRequest.chat("r", "auto", "Which model should answer this?"));
    assertThat(asked.named("question")).isEqualTo(true);
    assertThat(asked.asMap()).containsEntry("question", true).containsKey("task");
    assertThat(SignalExtractor.extract(RouteRequest.chat("r", "auto", "Route this.")).named("question")).isEqualTo(false);
    assertThat(SignalExtractor.named()).contains("question");
  }

  @Test
  void aRule_routesOnIt() {
    Router router = router(CONFIG);
    RouteRequest question = RouteRequest.chat("r", "auto", "Is this a question?");
    Decision d = router.route(question, SignalExtractor.extract(question));
    assertThat(d.model()).isEqualTo("large");
    assertThat(d.trace().reason()).contains("question=true");
    RouteRequest statement = RouteRequest.chat("r", "auto", "This is not one.");
    assertThat(router.route(statement, SignalExtractor.extract(statement)).model()).isEqualTo("small");
  }

  @Test
  void itsCondition_isCheckedAndDocumented_likeABuiltInOne() {
    assertThatThrownBy(() -> router(CONFIG.replace("question: true", "question: maybe")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("routes[0].rules[0].when.question: expected true or false");
    assertThatThrownBy(() -> router(CONFIG.replace("question: true", "questoin: true")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'question'?");
    assertThat(ConfigReference.render(ConfigurationKeys.all()))
        .contains("routes[].rules[].when.question: boolean [policy: rules]");
  }
}
