package dev.signalbox.core.pool;

import java.util.function.LongSupplier;

/**
 * What a pool strategy is given besides its settings.
 *
 * @param seed feeds the randomised and hashing strategies, so that a run can be repeated
 * @param nanoClock the time-aware strategies' clock ({@link System#nanoTime}; a simulation passes its own)
 * @param metricsIntervalMs how often the model's replicas report their load ({@code metrics_interval_ms}; 0:
 *     never), so that a strategy knows when a report is stale
 */
public record PoolContext(long seed, LongSupplier nanoClock, long metricsIntervalMs) {

  public PoolContext {
    if (metricsIntervalMs < 0) {
      throw new IllegalArgumentException("metrics interval must not be negative: " + metricsIntervalMs);
    }
  }

  /** A strategy on the system clock, for replicas that report no load. */
  public static PoolContext of(long seed) {
    return new PoolContext(seed, System::nanoTime, 0);
  }
}
