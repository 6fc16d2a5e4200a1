package dev.signalbox.core.pool;

import dev.signalbox.core.config.UpstreamConfig.RetryBudgetConfig;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Caps retries at a share of the traffic, as Finagle's and Envoy's retry budgets do: over a
 * sliding window of ten one-second buckets, retries may number at most {@code ratio} × requests
 * plus {@code minPerSecond} × 10. In a full outage every first attempt fails, and without a budget
 * every request would fan out into {@code max_attempts} upstream calls: a retry storm that keeps
 * the backend down. Thread-safe and lock-free.
 */
public final class RetryBudget {
  private static final int BUCKETS = 10;
  private static final long BUCKET_NANOS = 1_000_000_000L;

  private final double ratio;
  private final long reserve;
  private final LongSupplier nanoClock;
  private final AtomicLongArray requests = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);

  public RetryBudget(RetryBudgetConfig config, LongSupplier nanoClock) {
    this.ratio = config.ratio();
    this.reserve = (long) config.minPerSecond() * BUCKETS;
    this.nanoClock = nanoClock;
  }

  /** Counts a client request. */
  public void recordRequest() {
    requests.incrementAndGet(bucket());
  }

  /** Takes one retry from the budget; false when the budget is spent (do not retry). */
  public boolean tryRetry() {
    int b = bucket();
    long allowed = (long) (ratio * sum(requests)) + reserve;
    if (sum(retries) >= allowed) {
      return false;
    }
    retries.incrementAndGet(b);
    return true;
  }

  /** The bucket of the current second, cleared first if it still holds an older second. */
  private int bucket() {
    long epoch = Math.floorDiv(nanoClock.getAsLong(), BUCKET_NANOS);
    int b = (int) Math.floorMod(epoch, BUCKETS);
    long seen = epochs.get(b);
    if (seen != epoch && epochs.compareAndSet(b, seen, epoch)) {
      requests.set(b, 0);
      retries.set(b, 0);
    }
    return b;
  }

  private long sum(AtomicLongArray counts) {
    long epoch = Math.floorDiv(nanoClock.getAsLong(), BUCKET_NANOS);
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (epoch - epochs.get(i) < BUCKETS) {
        total += counts.get(i);
      }
    }
    return total;
  }
}
