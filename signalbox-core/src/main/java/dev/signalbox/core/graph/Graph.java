package dev.signalbox.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable directed graph with a base cost on every edge. Queries may overlay other weights
 * (health, failures) without changing the graph, so one graph serves every request.
 *
 * @param <N> the node type; nodes are compared with {@code equals}
 */
public final class Graph<N> {
  /** A directed edge with its base cost (non-negative). */
  public record Edge<N>(N from, N to, double cost) {
    public Edge {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!(cost >= 0)) {
        throw new IllegalArgumentException("edge cost must be non-negative: " + from + " -> " + to + " = " + cost);
      }
    }
  }

  private final Map<N, List<Edge<N>>> out;

  private Graph(Map<N, List<Edge<N>>> out) {
    this.out = out;
  }

  public static <N> Builder<N> builder() {
    return new Builder<>();
  }

  /** The edges leaving a node, in the order they were added (empty for an unknown node). */
  public List<Edge<N>> out(N node) {
    return out.getOrDefault(node, List.of());
  }

  public Set<N> nodes() {
    return out.keySet();
  }

  public boolean contains(N node) {
    return out.containsKey(node);
  }

  /** Whether an edge leads from {@code from} to {@code to}. */
  public boolean hasEdge(N from, N to) {
    return out(from).stream().anyMatch(edge -> edge.to().equals(to));
  }

  /** Builds a graph; nodes are added implicitly by their edges. */
  public static final class Builder<N> {
    private final Map<N, List<Edge<N>>> out = new LinkedHashMap<>();

    public Builder<N> node(N node) {
      out.computeIfAbsent(node, k -> new ArrayList<>());
      return this;
    }

    public Builder<N> edge(N from, N to, double cost) {
      Edge<N> edge = new Edge<>(from, to, cost);
      node(to);
      out.computeIfAbsent(from, k -> new ArrayList<>()).add(edge);
      return this;
    }

    public Graph<N> build() {
      Map<N, List<Edge<N>>> frozen = new LinkedHashMap<>();
      out.forEach((node, edges) -> frozen.put(node, List.copyOf(edges)));
      return new Graph<>(Collections.unmodifiableMap(frozen));
    }
  }
}
