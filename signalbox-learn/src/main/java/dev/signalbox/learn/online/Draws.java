package dev.signalbox.learn.online;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The random draws of a policy (Thompson samples, ε coins, pheromone roulette). Seeded, draws are
 * reproducible when one thread routes (the online evaluator); unseeded, every thread draws from
 * its own generator without contention (the gateway).
 */
public final class Draws {
  private final SplittableRandom seeded;

  private Draws(SplittableRandom seeded) {
    this.seeded = seeded;
  }

  /** Reproducible draws from a seed. */
  public static Draws seeded(long seed) {
    return new Draws(new SplittableRandom(seed));
  }

  /** Per-thread draws. */
  public static Draws perThread() {
    return new Draws(null);
  }

  public double uniform() {
    if (seeded == null) {
      return ThreadLocalRandom.current().nextDouble();
    }
    synchronized (this) {
      return seeded.nextDouble();
    }
  }

  public int below(int bound) {
    if (seeded == null) {
      return ThreadLocalRandom.current().nextInt(bound);
    }
    synchronized (this) {
      return seeded.nextInt(bound);
    }
  }

  /** A standard normal draw (Box–Muller). */
  public double gaussian() {
    double u = Math.max(uniform(), 1e-300);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  }
}
