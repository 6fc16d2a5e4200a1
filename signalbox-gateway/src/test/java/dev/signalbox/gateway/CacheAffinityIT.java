package dev.signalbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.api.Json;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.ReplicaLoad;
import dev.signalbox.sim.SimulatedReplica;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway in front of simulated vLLM-like replicas: a cache-affinity pool keeps requests that
 * share a long system prompt on the replica that caches it, and its replicas' prefix caches hit
 * more than those behind round-robin, as their own {@code /metrics} say.
 */
class CacheAffinityIT {
  private static final String REPLICA =
      "{engine: vllm, prefill_tokens_per_s: 20000, decode_step_ms: 2, kv_blocks: 4096, output_tokens: 4}";
  private static final String CONFIG = """
      server: {port: 0, event_loops: 2, shutdown_grace_ms: 200}
      upstream:
        first_byte_timeout_ms: 10000
        health_check: {enabled: false}
      models:
        - name: affine
          context_window: 32768
          pool: {strategy: slo-affinity, metrics_interval_ms: 100}
          endpoints: [%1$s, %1$s, %1$s, %1$s]
        - name: spread
          context_window: 32768
          pool: round-robin
          endpoints: [%1$s, %1$s, %1$s, %1$s]
      routes: []
      """.formatted("{simulated: " + REPLICA + "}");
  private static final int SYSTEM_PROMPTS = 3;
  private static final int ASKS = 6;

  static GatewayFixture fixture;

  @BeforeAll
  static void start() {
    fixture = GatewayFixture.start(CONFIG, Map.of());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** A long system prompt (about 1,500 tokens) that differs per index from its first words. */
  static String systemPrompt(int k) {
    StringBuilder sb = new StringBuilder("Tenant " + k + " assistant. ");
    for (int i = 0; sb.length() < 6000; i++) {
      sb.append("Rule ").append(i).append(" for tenant ").append(k).append(": answer politely and cite the policy. ");
    }
    return sb.toString();
  }

  static String ask(String model, int system, int question) {
    return "{\"model\":" + Json.quote(model) + ",\"max_tokens\":4,\"messages\":["
        + "{\"role\":\"system\",\"content\":" + Json.quote(systemPrompt(system)) + "},"
        + "{\"role\":\"user\",\"content\":" + Json.quote("Question " + question + " about item " + question * 7) + "}]}";
  }

  /** Sends every question once per system prompt; returns the endpoints each system prompt went to. */
  static Map<Integer, Set<String>> sendAll(String model) {
    Map<Integer, Set<String>> placed = new HashMap<>();
    for (int q = 0; q < ASKS; q++) {
      for (int s = 0; s < SYSTEM_PROMPTS; s++) {
        HttpResponse<String> r = fixture.post("/v1/chat/completions", ask(model, s, q));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        placed.computeIfAbsent(s, k -> new HashSet<>()).add(r.headers().firstValue("x-signalbox-endpoint").orElseThrow());
      }
    }
    return placed;
  }

  /** The share of prompt tokens the model's replicas served from their prefix caches, from their /metrics. */
  static double hitRate(String model) {
    double queries = 0;
    double hits = 0;
    for (SimulatedReplica r : fixture.sims.replicas(model)) {
      HttpResponse<String> m = fixture.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(r.url() + "/metrics")).GET());
      queries += ReplicaLoad.sample(m.body(), ReplicaLoad.PREFIX_QUERIES, false);
      hits += ReplicaLoad.sample(m.body(), ReplicaLoad.PREFIX_HITS, false);
    }
    return hits / queries;
  }


  @Test
  void affinity_keepsEachSystemPromptOnOneReplica_andHitsMoreThanRoundRobin() {
    Map<Integer, Set<String>> affine = sendAll("affine");
    Map<Integer, Set<String>> spread = sendAll("spread");

    assertThat(affine.values()).allSatisfy(endpoints -> assertThat(endpoints).hasSize(1));
    assertThat(spread.values()).allSatisfy(endpoints -> assertThat(endpoints).hasSize(4));
    double affineHits = hitRate("affine");
    double spreadHits = hitRate("spread");
    // all but the first of each system prompt's six requests hit its ~1,500 tokens
    assertThat(affineHits).isGreaterThan(0.7);
    assertThat(affineHits).isGreaterThan(spreadHits + 0.2);
  }

  @Test
  void scraper_readsEveryReplicasMetrics() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    boolean all = false;
    while (!all && System.nanoTime() < deadline) {
      Thread.sleep(50);
      all = fixture.gateway.upstreams().pool("affine").endpoints().stream()
          .map(Endpoint::reportedLoad)
          .allMatch(l -> l.freshAt(System.nanoTime(), 2_000_000_000L));
    }
    assertThat(all).as("every replica of 'affine' reported its load").isTrue();
    // round-robin's model does not ask for metrics
    assertThat(fixture.gateway.upstreams().pool("spread").endpoints())
        .allSatisfy(e -> assertThat(e.reportedLoad()).isEqualTo(ReplicaLoad.UNKNOWN));
  }
}
