package dev.signalbox.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Dijkstra's shortest path with a per-query weight function. A weight of {@code +∞} removes an
 * edge (a failed tool, an open circuit): the self-healing step is just another query.
 */
public final class ShortestPath {
  private ShortestPath() {}

  /** A path and its total weight. */
  public record Path<N>(List<N> nodes, double cost) {
    public Path {
      nodes = List.copyOf(nodes);
    }

    /** The first node after the start, or the start itself for a one-node path. */
    public N firstHop() {
      return nodes.size() > 1 ? nodes.get(1) : nodes.get(0);
    }

    public N last() {
      return nodes.get(nodes.size() - 1);
    }
  }

  /**
   * The cheapest path from {@code start} to a node accepted by {@code goal}, weighing each edge by
   * {@code weight} (non-negative, or {@code +∞} to forbid it); empty when no finite path exists.
   * Ties go to the edge added first, so equal-cost alternatives resolve in configuration order.
   */
  public static <N> Optional<Path<N>> find(
      Graph<N> graph, N start, Predicate<N> goal, ToDoubleFunction<Graph.Edge<N>> weight) {
    Map<N, Double> dist = new HashMap<>();
    Map<N, N> previous = new HashMap<>();
    PriorityQueue<Entry<N>> queue = new PriorityQueue<>();
    long order = 0;
    dist.put(start, 0.0);
    queue.add(new Entry<>(start, 0.0, order++));
    while (!queue.isEmpty()) {
      Entry<N> e = queue.poll();
      if (e.dist > dist.getOrDefault(e.node, Double.POSITIVE_INFINITY)) {
        continue;
      }
      if (goal.test(e.node)) {
        return Optional.of(new Path<>(walkBack(previous, start, e.node), e.dist));
      }
      for (Graph.Edge<N> edge : graph.out(e.node)) {
        double w = weight.applyAsDouble(edge);
        if (Double.isNaN(w) || w < 0) {
          throw new IllegalArgumentException("edge weight must be non-negative: " + edge + " = " + w);
        }
        if (w == Double.POSITIVE_INFINITY) {
          continue;
        }
        double d = e.dist + w;
        if (d < dist.getOrDefault(edge.to(), Double.POSITIVE_INFINITY)) {
          dist.put(edge.to(), d);
          previous.put(edge.to(), e.node);
          queue.add(new Entry<>(edge.to(), d, order++));
        }
      }
    }
    return Optional.empty();
  }

  /** The cheapest path between two nodes with the edges' base costs. */
  public static <N> Optional<Path<N>> find(Graph<N> graph, N start, N goal) {
    return find(graph, start, goal::equals, Graph.Edge::cost);
  }

  private static <N> List<N> walkBack(Map<N, N> previous, N start, N end) {
    List<N> nodes = new ArrayList<>();
    for (N n = end; n != null; n = n.equals(start) ? null : previous.get(n)) {
      nodes.add(n);
    }
    Collections.reverse(nodes);
    return nodes;
  }

  private record Entry<N>(N node, double dist, long order) implements Comparable<Entry<N>> {
    @Override
    public int compareTo(Entry<N> o) {
      int c = Double.compare(dist, o.dist);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }
}
