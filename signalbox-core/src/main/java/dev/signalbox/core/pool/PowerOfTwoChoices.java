package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples two distinct replicas at random and takes the less loaded one (Mitzenmacher, "The Power
 * of Two Choices in Randomized Load Balancing", 2001): nearly the balance of least-outstanding
 * without scanning every replica, and without herding onto one replica when load readings lag.
 */
final class PowerOfTwoChoices implements PoolStrategy {
  private final SplittableRandom random;

  PowerOfTwoChoices(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    int n = candidates.size();
    if (n == 1) {
      return candidates.get(0);
    }
    int a;
    int b;
    synchronized (random) {
      a = random.nextInt(n);
      b = random.nextInt(n - 1);
    }
    if (b >= a) {
      b++;
    }
    Endpoint first = candidates.get(a);
    Endpoint second = candidates.get(b);
    return second.inFlight() < first.inFlight() ? second : first;
  }
}
