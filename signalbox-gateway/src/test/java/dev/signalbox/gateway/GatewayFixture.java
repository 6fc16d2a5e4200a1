package dev.signalbox.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.api.Json;
import dev.signalbox.sim.SimulatedPool;
import dev.signalbox.sim.SimulatedReplica;
import dev.signalbox.gateway.proxy.UpstreamClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A gateway in front of simulated replicas, both on free loopback ports, with an OpenAI SDK client
 * and a plain HTTP client pointed at the gateway.
 */
final class GatewayFixture implements AutoCloseable {
  /** Two fast chat models with two replicas each, one embedder, a rules route and a fixed route. */
  static final String BASE_CONFIG = """
      server: {port: 0, max_body_bytes: 65536, event_loops: 2, shutdown_grace_ms: 500}
      upstream:
        connect_timeout_ms: 500
        first_byte_timeout_ms: 2000
        idle_timeout_ms: 1500
        total_timeout_ms: 10000
        max_attempts: 3
        health_check: {enabled: false}
        circuit_breaker: {consecutive_failures: 2, open_ms: 60000, max_open_ms: 120000}
      simulator: {seed: 7}
      models:
        - name: small
          input_price: 0.15
          output_price: 0.60
          context_window: 4096
          pool: round-robin
          endpoints:
            - simulated: {ttft_ms: 10, tpot_ms: 2, output_tokens: 16}
            - simulated: {ttft_ms: 10, tpot_ms: 2, output_tokens: 16}
        - name: large
          input_price: 2.50
          output_price: 10.00
          context_window: 32768
          pool: least-outstanding
          endpoints:
            - simulated: {ttft_ms: 20, tpot_ms: 8, output_tokens: 40}
            - simulated: {ttft_ms: 20, tpot_ms: 8, output_tokens: 40}
        - name: embed
          input_price: 0.02
          context_window: 8192
          operations: [embeddings]
          endpoints:
            - simulated: {ttft_ms: 2, embedding_dimensions: 64}
      routes:
        - name: auto
          policy: rules
          default: small
          rules:
            - name: hard
              priority: 10
              when: {keywords: {any: [prove, debug]}}
              model: large
        - name: cheap
          policy: fixed
          model: small
      """;

  final Vertx vertx;
  final SimulatedPool sims;
  final Gateway gateway;
  final String base;
  final OpenAIClient openai;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private GatewayFixture(Vertx vertx, SimulatedPool sims, Gateway gateway) {
    this.vertx = vertx;
    this.sims = sims;
    this.gateway = gateway;
    this.base = "http://127.0.0.1:" + gateway.port();
    this.openai = OpenAIOkHttpClient.builder()
        .baseUrl(base + "/v1")
        .apiKey("unused")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  static GatewayFixture start() {
    return start(BASE_CONFIG, Map.of());
  }

  static GatewayFixture start(String yaml, Map<String, String> env) {
    return start(yaml, env, UnaryOperator.identity());
  }

  /** A gateway whose upstream clients pass through {@code clients} (to inject failures). */
  static GatewayFixture start(String yaml, Map<String, String> env, UnaryOperator<UpstreamClient> clients) {
    SignalboxConfig config = ConfigLoader.parse(yaml, env::get);
    Vertx vertx = Vertx.vertx();
    try {
      SimulatedPool sims = SimulatedPool.start(vertx, config, "127.0.0.1", 0);
      Gateway gateway = Gateway.start(vertx, sims.config(), clients).await(20, TimeUnit.SECONDS);
      return new GatewayFixture(vertx, sims, gateway);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(e);
    }
  }

  SimulatedReplica replica(String model, int index) {
    return sims.replica(model, index);
  }

  HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A chat body with one user message. */
  static String chat(String model, String text) {
    return "{\"model\":" + Json.quote(model) + ",\"messages\":[{\"role\":\"user\",\"content\":" + Json.quote(text) + "}]}";
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }

  /** The decision record of a request, as {@code GET /v1/decisions/{id}} returns it. */
  JsonNode decision(String requestId) {
    HttpResponse<String> r = get("/v1/decisions/" + requestId);
    if (r.statusCode() != 200) {
      throw new AssertionError("no decision for " + requestId + ": " + r.statusCode() + " " + r.body());
    }
    return json(r.body());
  }

  /** Waits until the decision of a request has its outcome (it is recorded just after the response ends). */
  JsonNode finishedDecision(String requestId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    JsonNode d = decision(requestId);
    while (d.path("outcome").path("status").isNull() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      d = decision(requestId);
    }
    return d;
  }

  @Override
  public void close() {
    openai.close();
    try {
      gateway.close().await(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    }
    sims.close();
    vertx.close();
  }
}
