package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes the replica with the fewest requests in flight; ties go round-robin so load spreads. */
final class LeastOutstanding implements PoolStrategy {
  private final AtomicInteger tieBreak = new AtomicInteger();

  @Override
  public Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    int n = candidates.size();
    int offset = Math.floorMod(tieBreak.getAndIncrement(), n);
    Endpoint best = null;
    int bestLoad = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      Endpoint e = candidates.get((offset + i) % n);
      int load = e.inFlight();
      if (load < bestLoad) {
        best = e;
        bestLoad = load;
      }
    }
    return best;
  }
}
