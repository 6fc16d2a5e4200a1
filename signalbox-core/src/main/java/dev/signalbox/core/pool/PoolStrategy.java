package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;
import java.util.List;

/**
 * Picks the replica that serves a request among the usable replicas of the chosen model. Picking
 * and recording are two steps, as Vert.x separates {@code ServerSelector.select()} from its
 * interaction metrics: {@link Pool#select} calls {@link #placed} only once the pick's circuit
 * let the request through, so a strategy's picture of the replicas (what each caches, what it
 * queues) holds only requests that were sent. Called on the request path: thread-safe, no I/O.
 */
public interface PoolStrategy {

  /**
   * Picks one of {@code candidates}, recording nothing about the placement yet.
   *
   * @param candidates usable replicas, never empty, in a stable order
   * @param request the request being placed
   */
  Endpoint pick(List<Endpoint> candidates, RouteRequest request);

  /**
   * Records that {@code request} goes to {@code chosen}: the pick this thread just made for it,
   * now known to be used. Strategies that keep no picture of the replicas record nothing.
   */
  default void placed(Endpoint chosen, RouteRequest request) {}
}
