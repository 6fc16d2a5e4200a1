package dev.signalbox.gateway;

import static dev.signalbox.gateway.GatewayFixture.chat;
import static dev.signalbox.gateway.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.signalbox.sim.ReplicaProfile;
import dev.signalbox.sim.ReplicaProfile.Faults;
import dev.signalbox.sim.SimulatedReplica;
import io.vertx.core.http.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upstream failures: retries before the first byte, ejection, health checks, timeouts, streams cut short. */
class UpstreamFailuresIT {
  private GatewayFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  /** The base configuration with its first upstream settings replaced. */
  private static String config(String upstreamSettings) {
    return replaceOnce(GatewayFixture.BASE_CONFIG,
        "upstream:\n  connect_timeout_ms: 500\n  first_byte_timeout_ms: 2000\n  idle_timeout_ms: 1500\n",
        "upstream:\n" + upstreamSettings.indent(2));
  }

  private static String replaceOnce(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  private static void faults(SimulatedReplica replica, Faults faults) {
    replica.setProfile(replica.profile().withFaults(faults));
  }

  private static Faults errors(int status) {
    return new Faults(1.0, status, 0, 0, 0, 0);
  }

  private JsonNode endpoint(String id) {
    for (JsonNode e : json(fx.get("/admin/endpoints").body()).path("data")) {
      if (e.path("id").asText().equals(id)) {
        return e;
      }
    }
    throw new AssertionError("no endpoint " + id);
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

  private static String requestId(HttpResponse<?> r) {
    return r.headers().firstValue("x-request-id").orElseThrow();
  }

  @Test
  void error_isRetriedOnAnotherReplicaAndTheFailingOneIsEjected() throws Exception {
    fx = GatewayFixture.start();
    faults(fx.replica("small", 0), errors(500));

    String firstId = null;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = fx.post("/v1/chat/completions", chat("cheap", "hi " + i));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-signalbox-endpoint")).contains("small/1");
      if (i == 0) {
        firstId = requestId(r);
      }
    }
    JsonNode attempts = fx.finishedDecision(firstId).path("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).path("endpoint").asText()).isEqualTo("small/0");
    assertThat(attempts.get(0).path("outcome").asText()).startsWith("HTTP 500");
    assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("HTTP 200");
    // Two consecutive failures eject it: later requests no longer try it.
    assertThat(fx.replica("small", 0).stats().received()).isEqualTo(2);
    assertThat(endpoint("small/0").path("state").asText()).isEqualTo("ejected");
    assertThat(endpoint("small/1").path("state").asText()).isEqualTo("healthy");
  }

  @Test
  void allReplicasFailing_givesA502SayingWhatWasTried() {
    fx = GatewayFixture.start();
    faults(fx.replica("small", 0), errors(500));
    faults(fx.replica("small", 1), errors(502));

    assertThatThrownBy(() -> fx.openai.chat().completions().create(
            ChatCompletionCreateParams.builder().model("small").addUserMessage("hi").build()))
        .isInstanceOfSatisfying(InternalServerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(502);
          assertThat(e.code()).contains("upstream_error");
          assertThat(e.getMessage()).contains("small/0: HTTP 500").contains("small/1: HTTP 502");
        });
  }

  @Test
  void rateLimitedReplicas_giveA429WithRetryAfter_andCoolDownWithoutCountingAsFailures() {
    fx = GatewayFixture.start();
    faults(fx.replica("small", 0), errors(429));
    faults(fx.replica("small", 1), errors(429));

    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("small", "hi"));
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).isPresent();
    assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("upstream_rate_limited");
    assertThat(json(r.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
    // 429 says "busy", not "broken": the circuit stays closed, the endpoint cools down.
    assertThat(endpoint("small/0").path("failures").asLong()).isZero();
    assertThat(endpoint("small/0").path("state").asText()).isEqualTo("cooling_down");
  }

  @Test
  void rateLimitedReplica_coolsDownAndTrafficGoesElsewhere() throws Exception {
    fx = GatewayFixture.start();
    faults(fx.replica("small", 0), errors(429));
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = fx.post("/v1/chat/completions", chat("small", "hi " + i));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-signalbox-endpoint")).contains("small/1");
    }
    assertThat(fx.replica("small", 0).stats().received()).isEqualTo(1);
  }

  @Test
  void connectionRefused_isRetriedOnTheNextEndpoint() throws Exception {
    String simulated = "      - simulated: {ttft_ms: 10, tpot_ms: 2, output_tokens: 16}\n";
    fx = GatewayFixture.start(replaceOnce(GatewayFixture.BASE_CONFIG, simulated + simulated,
        "      - url: http://127.0.0.1:1\n" + simulated), Map.of());

    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("small", "hi"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode attempts = fx.finishedDecision(requestId(r)).path("attempts");
    assertThat(attempts.get(0).path("endpoint").asText()).isEqualTo("small/0");
    assertThat(attempts.get(0).path("outcome").asText()).contains("refused");
    assertThat(attempts.get(1).path("outcome").asText()).isEqualTo("HTTP 200");
  }

  @Test
  void connectionReset_beforeTheAnswer_isRetried() throws Exception {
    fx = GatewayFixture.start();
    faults(fx.replica("small", 0), new Faults(0, 500, 0, 0, 1.0, 0));

    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("small", "hi"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode attempts = fx.finishedDecision(requestId(r)).path("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).path("outcome").asText()).isNotEqualTo("HTTP 200");
    assertThat(fx.replica("small", 0).stats().resets()).isEqualTo(1);
  }

  @Test
  void firstByteTimeout_movesOnToAFasterReplica() throws Exception {
    fx = GatewayFixture.start(config("""
        connect_timeout_ms: 500
        first_byte_timeout_ms: 300
        idle_timeout_ms: 1500
        """), Map.of());
    faults(fx.replica("small", 0), new Faults(0, 500, 1.0, 3000, 0, 0));

    long start = System.nanoTime();
    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("small", "hi"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ms).isLessThan(2500);
    JsonNode attempts = fx.finishedDecision(requestId(r)).path("attempts");
    assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("no response within 300 ms");
    assertThat(attempts.get(1).path("endpoint").asText()).isEqualTo("small/1");

    faults(fx.replica("small", 1), new Faults(0, 500, 1.0, 3000, 0, 0));
    HttpResponse<String> slow = fx.post("/v1/chat/completions", chat("small", "hi again"));
    assertThat(slow.statusCode()).isEqualTo(504);
    assertThat(json(slow.body()).at("/error/code").asText()).isEqualTo("upstream_timeout");
  }

  @Test
  void streamCutMidway_endsWithAnErrorEventTheSdkSurfaces() throws Exception {
    fx = GatewayFixture.start();
    faults(fx.replica("large", 0), new Faults(0, 500, 0, 0, 0, 1.0));
    faults(fx.replica("large", 1), new Faults(0, 500, 0, 0, 0, 1.0));
    String body = "{\"model\":\"large\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    HttpResponse<String> raw = fx.post("/v1/chat/completions", body);
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body()).contains("\"delta\"").doesNotContain("[DONE]");
    String last = raw.body().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(json(last.substring("data: ".length())).at("/error/code").asText()).isEqualTo("stream_interrupted");
    assertThat(fx.finishedDecision(requestId(raw)).at("/outcome/error").asText()).contains("mid-response");

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> s = fx.openai.chat().completions().createStreaming(
          ChatCompletionCreateParams.builder().model("large").addUserMessage("hi").build())) {
        s.stream().forEach(c -> { });
      }
    }).isInstanceOf(OpenAIException.class).hasMessageContaining("interrupted");
  }

  @Test
  void jsonCutMidway_isRetriedAndNeverRelayedTruncated() throws Exception {
    fx = GatewayFixture.start();
    faults(fx.replica("small", 0), new Faults(0, 500, 0, 0, 0, 1.0));
    HttpResponse<String> ok = fx.post("/v1/chat/completions", chat("small", "hi"));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok.body()).at("/choices/0/message/content").asText()).isNotBlank();
    JsonNode attempts = fx.finishedDecision(requestId(ok)).path("attempts");
    assertThat(attempts.get(0).path("outcome").asText()).startsWith("answer cut short");

    faults(fx.replica("small", 1), new Faults(0, 500, 0, 0, 0, 1.0));
    HttpResponse<String> failed = fx.post("/v1/chat/completions", chat("small", "hi again"));
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(json(failed.body()).at("/error/message").asText()).contains("answer cut short");
  }

  @Test
  void idleStream_isEndedWithAnErrorEvent() {
    fx = GatewayFixture.start(config("""
        connect_timeout_ms: 500
        first_byte_timeout_ms: 2000
        idle_timeout_ms: 300
        """), Map.of());
    for (int i = 0; i < 2; i++) {
      SimulatedReplica r = fx.replica("large", i);
      ReplicaProfile p = r.profile();
      r.setProfile(new ReplicaProfile(p.ttftMs(), 5000, p.maxConcurrency(), p.maxQueue(), p.outputTokens(),
          p.embeddingDimensions(), p.faults()));
    }
    HttpResponse<String> r = fx.post("/v1/chat/completions",
        "{\"model\":\"large\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("no data from the upstream for 300 ms").doesNotContain("[DONE]");
  }

  @Test
  void failedProbe_takesAnEndpointOutUntilItRecovers() throws Exception {
    fx = GatewayFixture.start(config("""
        connect_timeout_ms: 500
        first_byte_timeout_ms: 2000
        idle_timeout_ms: 1500
        health_check: {enabled: true, interval_ms: 60000, timeout_ms: 500}
        """).replace("  health_check: {enabled: false}\n", ""), Map.of());
    fx.replica("small", 1).setHealthy(false);
    fx.gateway.probeNow();
    await(() -> endpoint("small/1").path("state").asText().equals("probe_failed"), "small/1 to fail its probe");

    long before = fx.replica("small", 1).stats().received();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = fx.post("/v1/chat/completions", chat("small", "hi " + i));
      assertThat(r.headers().firstValue("x-signalbox-endpoint")).contains("small/0");
    }
    assertThat(fx.replica("small", 1).stats().received()).isEqualTo(before);

    fx.replica("small", 1).setHealthy(true);
    fx.gateway.probeNow();
    await(() -> endpoint("small/1").path("state").asText().equals("healthy"), "small/1 to recover");
  }

  @Test
  void clientLeavingMidStream_releasesTheUpstream() throws Exception {
    fx = GatewayFixture.start();
    for (int i = 0; i < 2; i++) {
      SimulatedReplica r = fx.replica("large", i);
      ReplicaProfile p = r.profile();
      r.setProfile(new ReplicaProfile(p.ttftMs(), 100, p.maxConcurrency(), p.maxQueue(), 200,
          p.embeddingDimensions(), p.faults()));
    }
    HttpResponse<InputStream> r = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"large\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    String id = requestId(r);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      assertThat(reader.readLine()).startsWith("data: ");
    }
    await(() -> endpoint("large/0").path("in_flight").asInt() + endpoint("large/1").path("in_flight").asInt() == 0,
        "the gateway to release the endpoint");
    await(() -> fx.replica("large", 0).stats().inFlight() + fx.replica("large", 1).stats().inFlight() == 0,
        "the replica to see the request end");
    assertThat(fx.finishedDecision(id).at("/outcome/status").asInt()).isEqualTo(499);
  }

  @Test
  void credentials_areSentUpstreamButNeverShown_andTheModelNameIsSwapped() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    CopyOnWriteArrayList<String> auth = new CopyOnWriteArrayList<>();
    CopyOnWriteArrayList<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer upstream = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      auth.add(String.valueOf(req.getHeader("authorization")));
      bodies.add(b.toString());
      req.response().putHeader("content-type", "application/json").end("{\"id\":\"x\",\"object\":\"chat.completion\","
          + "\"created\":1,\"model\":\"vendor/model-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
          + "\"total_tokens\":4}}");
    })).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    try {
      String yaml = GatewayFixture.BASE_CONFIG.replace("models:\n", "models:\n"
          + "  - name: keyed\n"
          + "    endpoints:\n"
          + "      - url: http://127.0.0.1:" + upstream.actualPort() + "/v1/\n"
          + "        api_key: ${SIGNALBOX_TEST_KEY}\n"
          + "        upstream_model: vendor/model-x\n");
      fx = GatewayFixture.start(yaml, Map.of("SIGNALBOX_TEST_KEY", "s3cret-value"));
      String request = "{\"model\":\"keyed\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"seed\":1}";
      HttpResponse<String> r = fx.post("/v1/chat/completions", request);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(auth).containsExactly("Bearer s3cret-value");
      assertThat(bodies).containsExactly(request.replace("\"keyed\"", "\"vendor/model-x\""));
      assertThat(fx.finishedDecision(requestId(r)).toString()).doesNotContain("s3cret");
      assertThat(fx.get("/admin/endpoints").body()).doesNotContain("s3cret");
      assertThat(fx.get("/v1/models").body()).doesNotContain("s3cret");
    } finally {
      upstream.close();
      vertx.close();
    }
  }
}
