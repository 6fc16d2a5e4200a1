package dev.signalbox.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.core.request.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteGraphTest {
  private static final long NOW = 1_000_000_000_000L;
  private static final CircuitBreakerConfig BREAKER =
      CircuitBreakerConfig.consecutive(1, Duration.ofSeconds(5), Duration.ofSeconds(60));

  private final Map<String, Pool> pools = new LinkedHashMap<>();
  private final Map<String, ModelSpec> specs = new LinkedHashMap<>();

  private void model(String name, int contextWindow, int replicas, Operation... ops) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      endpoints.add(new Endpoint(name + "/" + i, name, "http://h/" + name + i, null, null, BREAKER));
    }
    pools.put(name, new Pool(name, endpoints, PoolStrategies.create("round-robin", 0), () -> NOW));
    specs.put(name, new ModelSpec(name, 1, 1, contextWindow,
        ops.length == 0 ? Set.of(Operation.CHAT) : Set.of(ops)));
  }

  private Endpoint endpoint(String id) {
    return pools.get(id.substring(0, id.indexOf('/'))).endpoints().get(Integer.parseInt(id.substring(id.indexOf('/') + 1)));
  }

  private RouteGraph graph() {
    return new RouteGraph(pools.values(), specs);
  }

  private Optional<RouteGraph.Hop> next(RouteGraph g, String primary, List<String> fallbacks, Set<Endpoint> tried) {
    return g.next(primary, fallbacks, Operation.CHAT, 100, 50, tried, NOW);
  }

  @Test
  void next_prefersTheRoutedModelsOtherEndpointsBeforeAnyFallback() {
    model("a", 1000, 2);
    model("b", 1000, 1);
    RouteGraph g = graph();
    Set<Endpoint> tried = new HashSet<>(Set.of(endpoint("a/0")));
    assertThat(next(g, "a", List.of("b"), tried).orElseThrow().endpoint().id()).isEqualTo("a/1");
    tried.add(endpoint("a/1"));
    RouteGraph.Hop hop = next(g, "a", List.of("b"), tried).orElseThrow();
    assertThat(hop.model()).isEqualTo("b");
    assertThat(hop.endpoint().id()).isEqualTo("b/0");
    tried.add(endpoint("b/0"));
    assertThat(next(g, "a", List.of("b"), tried)).isEmpty();
  }

  @Test
  void next_neverFallsBackToAModelTheRouteDoesNotList() {
    model("a", 1000, 1);
    model("b", 1000, 1);
    assertThat(next(graph(), "a", List.of(), Set.of(endpoint("a/0")))).isEmpty();
  }

  @Test
  void next_followsTheFallbackOrder() {
    model("a", 1000, 1);
    model("b", 1000, 1);
    model("c", 1000, 1);
    assertThat(next(graph(), "a", List.of("c", "b"), Set.of(endpoint("a/0"))).orElseThrow().model()).isEqualTo("c");
  }

  @Test
  void next_skipsFallbacksThatCannotTakeTheRequest() {
    model("a", 1000, 1);
    model("tiny", 120, 1);
    model("embedder", 1000, 1, Operation.EMBEDDINGS);
    model("big", 1000, 1);
    assertThat(next(graph(), "a", List.of("tiny", "embedder", "big"), Set.of(endpoint("a/0"))).orElseThrow().model())
        .isEqualTo("big");
  }

  @Test
  void next_leavesOutOpenCircuitsAndTakesTheHealthiest() {
    model("a", 1000, 3);
    endpoint("a/0").health().recordFailure(NOW, "HTTP 500");
    endpoint("a/1").health().recordSuccess(NOW, 900);
    endpoint("a/2").health().recordSuccess(NOW, 30);
    RouteGraph g = graph();
    assertThat(RouteGraph.endpointWeight(endpoint("a/0"), NOW)).isInfinite();
    assertThat(next(g, "a", List.of(), Set.of()).orElseThrow().endpoint().id()).isEqualTo("a/2");
    assertThat(next(g, "a", List.of(), Set.of(endpoint("a/2"))).orElseThrow().endpoint().id()).isEqualTo("a/1");
  }

  @Test
  void endpointWeight_growsWithErrorsLatencyAndLoad() {
    model("a", 1000, 3);
    Endpoint fast = endpoint("a/0");
    Endpoint slow = endpoint("a/1");
    Endpoint busy = endpoint("a/2");
    fast.health().recordSuccess(NOW, 10);
    slow.health().recordSuccess(NOW, 2_000);
    busy.health().recordSuccess(NOW, 10);
    busy.started();
    busy.started();
    assertThat(RouteGraph.endpointWeight(fast, NOW)).isLessThan(RouteGraph.endpointWeight(busy, NOW));
    assertThat(RouteGraph.endpointWeight(busy, NOW)).isLessThan(RouteGraph.endpointWeight(slow, NOW));
    // a fallback model is only chosen when the primary has nothing usable: its step outweighs any health weight
    assertThat(RouteGraph.FALLBACK_STEP).isGreaterThan(RouteGraph.endpointWeight(slow, NOW) + 150);
  }
}
