package dev.signalbox.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.LearningRouter.Learned;
import dev.signalbox.core.upstream.AttemptFailure;
import dev.signalbox.core.upstream.AttemptPlanner.GiveUp;
import dev.signalbox.core.upstream.AttemptPlanner.Send;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The library facade over its planner, in manual time; no sockets (nothing is sent). */
class SignalboxTest {
  private long now = 1_000_000_000L;

  private Signalbox signalbox() {
    return Signalbox.builder()
        .model("small", 0.15, 0.60, "http://127.0.0.1:9001", "http://127.0.0.1:9002")
        .model(Map.of("name", "large", "input_price", 2.5, "output_price", 10, "context_window", 8192,
            "endpoints", List.of(Map.of("url", "http://127.0.0.1:9003"))))
        .route("auto", Map.of("policy", "rules", "default", "small", "fallbacks", List.of("large"),
            "rules", List.of(Map.of("name", "hard", "when", Map.of("keywords", Map.of("any", List.of("prove"))),
                "model", "large"))))
        .option("upstream.max_attempts", 3)
        .clock(() -> now)
        .build();
  }

  @Test
  void route_decidesTheModel_withItsTrace_andPlacesTheFirstAttempt() {
    Signalbox signalbox = signalbox();
    try (RoutedRequest call = signalbox.route(RouteRequest.chat("r1", "auto", "Prove that 17 is prime"))) {
      assertThat(call.route()).isEqualTo("auto");
      assertThat(call.model()).isEqualTo("large");
      assertThat(call.trace().reason()).contains("hard");
      assertThat(call.endpoint().id()).isEqualTo("large/0");
      assertThat(call.endpoint().inFlight()).as("the permit: in flight until the call ends").isEqualTo(1);
    }
    assertThat(signalbox.upstreams().pool("large").endpoints().get(0).inFlight()).isZero();
    try (RoutedRequest call = signalbox.route(RouteRequest.chat("r2", "auto", "hello"))) {
      assertThat(call.model()).isEqualTo("small");
      assertThat(call.endpoint().model()).isEqualTo("small");
    }
  }

  @Test
  void aFailedAttempt_movesToTheOtherReplica_thenToTheFallbackModel_thenGivesUpListingEveryFailure() {
    Signalbox signalbox = signalbox();
    RoutedRequest call = signalbox.route(RouteRequest.chat("r1", "auto", "hello"));
    Endpoint first = call.endpoint();
    now += 3_000_000;
    Endpoint second = ((Send) call.failed(AttemptFailure.SERVER_ERROR, "HTTP 500", 0)).hop().endpoint();
    assertThat(second.model()).isEqualTo("small");
    assertThat(second).isNotEqualTo(first);
    assertThat(first.inFlight()).isZero();
    Endpoint third = ((Send) call.failed(AttemptFailure.CONNECT, "connection refused", 0)).hop().endpoint();
    assertThat(third.id()).as("the route's fallback").isEqualTo("large/0");
    GiveUp giveUp = (GiveUp) call.failed(AttemptFailure.TIMEOUT, "no first byte", 0);
    assertThat(giveUp.error().status()).isEqualTo(504);
    assertThat(giveUp.error().message()).contains(first.id() + ": HTTP 500", "connection refused", "large/0: no first byte");
    assertThat(call.endpoint()).isNull();
    assertThatThrownBy(() -> call.answered(200)).isInstanceOf(IllegalStateException.class);
    assertThat(call.attempts()).hasSize(5).contains(first.id() + ": HTTP 500 (3 ms)")
        .anyMatch(line -> line.startsWith("reroute small/") && line.endsWith("-> large/0: connection refused"));
    RequestOutcome outcome = call.finish(504, -1, -1);
    assertThat(outcome.error()).isEqualTo(giveUp.error().message());
    assertThat(outcome.servedModel()).isNull();
    assertThat(third.inFlight()).isZero();
  }

  @Test
  void finish_pricesTheUsage_atTheModelThatAnswered() {
    Signalbox signalbox = signalbox();
    RoutedRequest call = signalbox.route(RouteRequest.chat("r1", "auto", "hello"));
    call.failed(AttemptFailure.SERVER_ERROR, "HTTP 500", 0);
    call.failed(AttemptFailure.SERVER_ERROR, "HTTP 500", 0); // now on the fallback, large
    now += 40_000_000;
    call.answered(200);
    RequestOutcome outcome = call.finish(200, 1000, 100);
    assertThat(outcome.servedModel()).isEqualTo("large");
    assertThat(outcome.costUsd()).isEqualTo((1000 * 2.5 + 100 * 10) / 1e6);
    assertThat(outcome.latencyMs()).isEqualTo(40.0);
    assertThat(outcome.error()).isNull();
    assertThat(signalbox.report("r1", outcome)).as("rules do not learn").isEqualTo(Learned.UNKNOWN);
  }

  @Test
  void badRequests_areRefusedInTheGatewaysTerms() {
    Signalbox signalbox = signalbox();
    assertThatThrownBy(() -> signalbox.route(RouteRequest.chat("r1", "nope", "hi")))
        .isInstanceOfSatisfying(OpenAiError.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> signalbox.route(RouteRequest.chat("r2", "large", "word ".repeat(9000))))
        .isInstanceOfSatisfying(OpenAiError.class, e -> assertThat(e.code()).isEqualTo("context_length_exceeded"));
    assertThat(signalbox.upstreams().endpoints()).allSatisfy(e -> assertThat(e.inFlight()).isZero());
  }

  @Test
  void fromYaml_readsTheGatewaysFormat_andABadKeyIsNamed() {
    Signalbox fromYaml = Signalbox.fromYaml("""
        models:
          - name: m
            input_price: 1
            output_price: 2
            endpoints: [{url: "http://127.0.0.1:9001"}]
        """);
    try (RoutedRequest call = fromYaml.route(RouteRequest.chat("r1", "auto", "hi"))) {
      assertThat(call.model()).isEqualTo("m");
      assertThat(call.route()).as("no routes: auto is the first model").isEqualTo("direct");
    }
    assertThatThrownBy(() -> Signalbox.builder().model("m", -1, 2, "http://127.0.0.1:9001").build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("models[0].input_price");
  }
}
