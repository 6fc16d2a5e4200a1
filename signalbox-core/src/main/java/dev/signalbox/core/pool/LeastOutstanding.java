package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes the replica with the fewest requests in flight; ties go round-robin so load spreads. */
final class LeastOutstanding implements PoolStrategy {
  private final AtomicInteger tieBreak = new AtomicInteger();

  @Override
  public Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    Endpoint first = null;
    int bestLoad = Integer.MAX_VALUE;
    int ties = 0;
    for (int i = 0; i < candidates.size(); i++) {
      Endpoint e = candidates.get(i);
      int load = e.inFlight();
      if (load < bestLoad) {
        first = e;
        bestLoad = load;
        ties = 1;
      } else if (load == bestLoad) {
        ties++;
      }
    }
    if (ties == 1) {
      return first;
    }
    // rotate over the tied replicas themselves, so each gets an equal share
    int skip = Math.floorMod(tieBreak.getAndIncrement(), ties);
    for (int i = 0; i < candidates.size(); i++) {
      Endpoint e = candidates.get(i);
      if (e.inFlight() == bestLoad && skip-- == 0) {
        return e;
      }
    }
    return first; // loads moved between the two passes
  }
}
