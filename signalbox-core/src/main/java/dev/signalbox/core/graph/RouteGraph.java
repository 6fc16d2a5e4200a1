package dev.signalbox.core.graph;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.request.Operation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Models, their endpoints and fallbacks as one weighted graph (after the Self-Healing Router,
 * Bholani 2026): {@code START → model → endpoint → GOAL}. Each request overlays its own weights:
 * the model it was routed to costs nothing, the route's fallback models cost more in their order,
 * every other model is forbidden; an endpoint's edge weighs its health (error rate, time to first
 * byte, a half-open circuit) and is forbidden (+∞) once tried, while its circuit is open, its
 * probe failed or it cools down after a 429. The next attempt is the cheapest finite path; when
 * there is none the caller escalates with a clear error.
 */
public final class RouteGraph {
  /** A node of the graph. */
  public sealed interface Node permits Start, ModelNode, EndpointNode, Goal {}

  /** Where every path starts. */
  public record Start() implements Node {}

  /** A model. */
  public record ModelNode(String model) implements Node {}

  /** One replica of a model. */
  public record EndpointNode(Endpoint endpoint) implements Node {}

  /** Where every path ends. */
  public record Goal() implements Node {}

  /** The next hop: a model and one of its endpoints, with the path's weight. */
  public record Hop(String model, Endpoint endpoint, double cost) {}

  /** The weight of each step down a route's fallback list: above any endpoint's health weight. */
  static final double FALLBACK_STEP = 1_000;
  private static final Start START = new Start();
  private static final Goal GOAL = new Goal();

  private final Graph<Node> graph;
  private final Map<String, ModelSpec> specs;

  public RouteGraph(Collection<Pool> pools, Map<String, ModelSpec> specs) {
    Graph.Builder<Node> b = Graph.builder();
    for (Pool pool : pools) {
      ModelNode model = new ModelNode(pool.model());
      b.edge(START, model, 0);
      for (Endpoint e : pool.endpoints()) {
        EndpointNode node = new EndpointNode(e);
        b.edge(model, node, 0);
        b.edge(node, GOAL, 0);
      }
    }
    this.graph = b.build();
    this.specs = Map.copyOf(specs);
  }

  /**
   * The cheapest usable hop for a request routed to {@code primary}, trying {@code fallbacks} in
   * order only when the primary has no usable endpoint left, skipping {@code tried} endpoints and
   * models that cannot take the request.
   */
  public Optional<Hop> next(
      String primary, List<String> fallbacks, Operation operation, int promptTokens, int maxTokens,
      Set<Endpoint> tried, long nowNanos) {
    Optional<ShortestPath.Path<Node>> path = ShortestPath.find(graph, START, n -> n instanceof Goal, edge -> {
      if (edge.from() instanceof Start && edge.to() instanceof ModelNode m) {
        return modelWeight(m.model(), primary, fallbacks, operation, promptTokens, maxTokens);
      }
      if (edge.to() instanceof EndpointNode e) {
        return tried.contains(e.endpoint()) ? Double.POSITIVE_INFINITY : endpointWeight(e.endpoint(), nowNanos);
      }
      return edge.cost();
    });
    return path.map(p -> {
      List<Node> nodes = p.nodes();
      return new Hop(((ModelNode) nodes.get(1)).model(), ((EndpointNode) nodes.get(2)).endpoint(), p.cost());
    });
  }

  private double modelWeight(String model, String primary, List<String> fallbacks, Operation operation,
      int promptTokens, int maxTokens) {
    double rank;
    if (model.equals(primary)) {
      rank = 0;
    } else {
      int i = fallbacks.indexOf(model);
      if (i < 0) {
        return Double.POSITIVE_INFINITY;
      }
      rank = FALLBACK_STEP * (i + 1);
      ModelSpec spec = specs.get(model);
      if (spec == null || !spec.admits(operation, promptTokens, maxTokens)) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return rank;
  }

  /**
   * A healthy endpoint weighs little; errors weigh most, then a half-open circuit, then slowness
   * (seconds to first byte) and load. Forbidden when it may not be used now.
   */
  static double endpointWeight(Endpoint e, long nowNanos) {
    if (!e.health().isAvailable(nowNanos)) {
      return Double.POSITIVE_INFINITY;
    }
    double firstByte = e.health().firstByteMsAverage();
    double weight = 100 * e.health().errorRateAverage()
        + (Double.isNaN(firstByte) ? 0 : firstByte / 1000)
        + 0.01 * e.inFlight();
    if (e.health().state(nowNanos) == dev.signalbox.core.pool.EndpointHealth.State.HALF_OPEN) {
      weight += 50;
    }
    return weight;
  }
}
