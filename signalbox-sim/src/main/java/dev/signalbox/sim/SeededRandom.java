package dev.signalbox.sim;

import dev.signalbox.core.hash.StableHash;

/**
 * A SplitMix64 random stream. Written out here rather than taken from the JDK so that a seed
 * gives the same numbers on every Java version.
 */
final class SeededRandom {
  private long state;

  SeededRandom(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += 0x9e3779b97f4a7c15L;
    return StableHash.mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    return (int) Math.floorMod(nextLong(), (long) bound);
  }

  /** Standard normal, by Box–Muller. */
  double nextGaussian() {
    double u = 1.0 - nextDouble();
    double v = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
