package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;
import java.util.List;

/**
 * Picks the replica that serves a request among the usable replicas of the chosen model. Called
 * on the request path: thread-safe, no I/O.
 */
public interface PoolStrategy {

  /**
   * Picks one of {@code candidates}.
   *
   * @param candidates usable replicas, never empty, in a stable order
   * @param request the request being placed
   */
  Endpoint pick(List<Endpoint> candidates, RouteRequest request);
}
