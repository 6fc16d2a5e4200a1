package dev.signalbox.gateway.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of observations in fixed buckets, plus their sum. Values are recorded as longs in a unit
 * of the caller's choice (nanoseconds for times) and exposed divided by {@code scale} (so in
 * seconds); recording is a short scan of the bounds and one striped increment: lock-free, and
 * allocation-free once warm.
 */
public final class Histogram {
  private final long[] bounds;
  private final double[] exposedBounds;
  private final double scale;
  private final LongAdder[] buckets;
  private final LongAdder sum = new LongAdder();

  /**
   * @param scale recorded units per exposed unit (1e9 for nanoseconds shown as seconds)
   * @param exposedBounds the buckets' upper bounds in exposed units, ascending; +Inf is implied
   */
  Histogram(double scale, double... exposedBounds) {
    this.scale = scale;
    this.exposedBounds = exposedBounds.clone();
    this.bounds = new long[exposedBounds.length];
    for (int i = 0; i < exposedBounds.length; i++) {
      if (i > 0 && exposedBounds[i] <= exposedBounds[i - 1]) {
        throw new IllegalArgumentException("bucket bounds must ascend: " + java.util.Arrays.toString(exposedBounds));
      }
      bounds[i] = Math.round(exposedBounds[i] * scale);
    }
    buckets = new LongAdder[bounds.length + 1];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Records one observation, in recorded units. */
  public void record(long value) {
    int i = 0;
    while (i < bounds.length && value > bounds[i]) {
      i++;
    }
    buckets[i].increment();
    sum.add(value);
  }

  /** Observations so far. */
  public long count() {
    long n = 0;
    for (LongAdder b : buckets) {
      n += b.sum();
    }
    return n;
  }

  /** Upper bounds in exposed units (without +Inf). */
  double[] exposedBounds() {
    return exposedBounds.clone();
  }

  /** Cumulative counts per bucket, the last one being +Inf (the count). */
  long[] cumulativeCounts() {
    long[] counts = new long[buckets.length];
    long running = 0;
    for (int i = 0; i < buckets.length; i++) {
      running += buckets[i].sum();
      counts[i] = running;
    }
    return counts;
  }

  /** The sum of observations in exposed units. */
  double exposedSum() {
    return sum.sum() / scale;
  }
}
