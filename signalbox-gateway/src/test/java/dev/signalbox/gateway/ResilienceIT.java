package dev.signalbox.gateway;

import static dev.signalbox.gateway.GatewayFixture.chat;
import static dev.signalbox.gateway.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.sim.ReplicaProfile.Faults;
import dev.signalbox.sim.SimulatedReplica;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Circuit breakers, route fallbacks, the retry budget and the events they leave, end to end. */
class ResilienceIT {
  private GatewayFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  /** The base configuration plus a route that may fall back from small to large. */
  private static String withFallbackRoute(String yaml) {
    return replaceOnce(yaml, "routes:\n", "routes:\n"
        + "  - name: resilient\n"
        + "    policy: fixed\n"
        + "    model: small\n"
        + "    fallbacks: [large]\n");
  }

  private static String replaceOnce(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  private static void fail(SimulatedReplica replica, int status) {
    replica.setProfile(replica.profile().withFaults(new Faults(1.0, status, 0, 0, 0, 0)));
  }

  private static void heal(SimulatedReplica replica) {
    replica.setProfile(replica.profile().withFaults(Faults.NONE));
  }

  private List<String> events(String subject) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : json(fx.get("/admin/events?limit=1000").body()).path("data")) {
      if (e.path("subject").asText().equals(subject)) {
        out.add(e.path("kind").asText());
      }
    }
    return out;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void fallback_whenTheRoutedModelFailsEverywhere_theRouteFallsBack() throws Exception {
    fx = GatewayFixture.start(withFallbackRoute(GatewayFixture.BASE_CONFIG), Map.of());
    fail(fx.replica("small", 0), 500);
    fail(fx.replica("small", 1), 503);

    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("resilient", "hi"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-signalbox-model")).contains("large");
    assertThat(json(r.body()).path("model").asText()).isEqualTo("large");
    JsonNode d = fx.finishedDecision(r.headers().firstValue("x-request-id").orElseThrow());
    assertThat(d.path("model").asText()).as("the routing decision").isEqualTo("small");
    assertThat(d.at("/outcome/model").asText()).as("who answered").isEqualTo("large");
    JsonNode reroutes = d.path("reroutes");
    assertThat(reroutes).hasSize(2);
    assertThat(reroutes.get(1).path("to").asText()).startsWith("large/");
    assertThat(reroutes.get(1).path("reason").asText()).startsWith("HTTP 50");
    assertThat(json(fx.get("/admin/events").body()).at("/counts/fallback").asLong()).isEqualTo(1);
    String metrics = fx.get("/metrics").body();
    assertThat(metrics).contains("signalbox_resilience_events_total{kind=\"fallback\"} 1\n")
        .contains("signalbox_resilience_events_total{kind=\"reroute\"} 1\n");
  }

  @Test
  void fallback_onlyWhereTheRouteSaysSo() {
    fx = GatewayFixture.start(withFallbackRoute(GatewayFixture.BASE_CONFIG), Map.of());
    fail(fx.replica("small", 0), 500);
    fail(fx.replica("small", 1), 500);
    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("cheap", "hi"));
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(fx.replica("large", 0).stats().received() + fx.replica("large", 1).stats().received()).isZero();
  }

  @Test
  void openCircuits_sendTheFirstAttemptStraightToTheFallback() throws Exception {
    fx = GatewayFixture.start(withFallbackRoute(GatewayFixture.BASE_CONFIG), Map.of());
    fail(fx.replica("small", 0), 500);
    fail(fx.replica("small", 1), 500);
    for (int i = 0; i < 3; i++) {
      fx.post("/v1/chat/completions", chat("resilient", "warm " + i));
    }
    long smallSeen = fx.replica("small", 0).stats().received() + fx.replica("small", 1).stats().received();
    assertThat(events("small/0")).contains("circuit closed -> open");
    assertThat(events("small/1")).contains("circuit closed -> open");
    assertThat(fx.get("/metrics").body())
        .contains("signalbox_resilience_events_total{kind=\"circuit_closed_open\"} 2\n");

    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("resilient", "now"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode d = fx.finishedDecision(r.headers().firstValue("x-request-id").orElseThrow());
    assertThat(d.path("attempts")).hasSize(1);
    assertThat(d.at("/attempts/0/endpoint").asText()).startsWith("large/");
    assertThat(d.at("/reroutes/0/from").asText()).isEqualTo("small");
    assertThat(d.at("/reroutes/0/reason").asText()).isEqualTo("no usable endpoint of small");
    assertThat(fx.replica("small", 0).stats().received() + fx.replica("small", 1).stats().received())
        .as("open circuits send nothing").isEqualTo(smallSeen);
  }

  @Test
  void circuit_opensThenRecoversThroughHalfOpen() throws Exception {
    String yaml = GatewayFixture.BASE_CONFIG.replace(
        "  circuit_breaker: {consecutive_failures: 2, open_ms: 60000, max_open_ms: 120000}",
        "  circuit_breaker: {consecutive_failures: 2, open_ms: 300, max_open_ms: 1000}");
    fx = GatewayFixture.start(yaml, Map.of());
    SimulatedReplica bad = fx.replica("small", 0);
    fail(bad, 500);
    for (int i = 0; i < 4; i++) {
      assertThat(fx.post("/v1/chat/completions", chat("small", "hi " + i)).statusCode()).isEqualTo(200);
    }
    assertThat(events("small/0")).containsExactly("circuit closed -> open");

    heal(bad);
    Thread.sleep(350);
    long before = bad.stats().received();
    await(() -> {
      fx.post("/v1/chat/completions", chat("small", "probe " + System.nanoTime()));
      return bad.stats().received() > before;
    }, "a trial request on small/0");
    await(() -> events("small/0").contains("circuit half_open -> closed"), "the circuit to close");
    assertThat(events("small/0"))
        .containsExactly("circuit closed -> open", "circuit open -> half_open", "circuit half_open -> closed");
  }

  @Test
  void fullOutage_retriesStayWithinTheBudget() {
    String yaml = GatewayFixture.BASE_CONFIG
        .replace("  circuit_breaker: {consecutive_failures: 2, open_ms: 60000, max_open_ms: 120000}",
            "  circuit_breaker: {consecutive_failures: 100000, window: 0}\n  retry_budget: {ratio: 0.1, min_per_second: 0}");
    fx = GatewayFixture.start(yaml, Map.of());
    fail(fx.replica("small", 0), 500);
    fail(fx.replica("small", 1), 500);
    int requests = 100;
    int budgetRefusals = 0;
    for (int i = 0; i < requests; i++) {
      HttpResponse<String> r = fx.post("/v1/chat/completions", chat("small", "hi " + i));
      assertThat(r.statusCode()).isEqualTo(502);
      if (json(r.body()).at("/error/message").asText().contains("retry budget is spent")) {
        budgetRefusals++;
      }
    }
    long attempts = fx.replica("small", 0).stats().received() + fx.replica("small", 1).stats().received();
    assertThat(attempts).isLessThanOrEqualTo((long) (requests * 1.1));
    assertThat(budgetRefusals).isGreaterThan(80);
  }

  @Test
  void blackholedReplica_isLeftAfterTheFirstByteTimeoutAndItsProbesFail() throws Exception {
    String yaml = GatewayFixture.BASE_CONFIG
        .replace("first_byte_timeout_ms: 2000", "first_byte_timeout_ms: 300")
        .replace("  health_check: {enabled: false}",
            "  health_check: {enabled: true, interval_ms: 60000, unhealthy_interval_ms: 100, timeout_ms: 200}");
    fx = GatewayFixture.start(yaml, Map.of());
    SimulatedReplica hole = fx.replica("small", 0);
    hole.setProfile(hole.profile().withFaults(Faults.blackhole()));
    for (int i = 0; i < 3; i++) {
      assertThat(fx.post("/v1/chat/completions", chat("small", "hi " + i)).statusCode()).isEqualTo(200);
    }
    assertThat(hole.stats().hangs()).isGreaterThanOrEqualTo(1);
    fx.gateway.probeNow();
    await(() -> events("small/0").contains("probe failed"), "the probe of the blackholed replica to fail");
  }
}
