package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes the replicas in turn. */
final class RoundRobin implements PoolStrategy {
  private final AtomicInteger next = new AtomicInteger();

  @Override
  public Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
  }
}
