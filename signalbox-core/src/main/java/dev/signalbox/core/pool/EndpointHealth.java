package dev.signalbox.core.pool;

import dev.signalbox.core.config.UpstreamConfig.EjectionConfig;

/**
 * The health of one endpoint, from two sources: passive (the outcome of real requests) and active
 * (periodic probes). After {@code consecutiveFailures} failed requests in a row the endpoint is
 * ejected for a base time that doubles with each ejection in a row, up to a maximum; once that
 * time passes it is tried again, and one success clears the record. A failed probe takes the
 * endpoint out until a probe succeeds.
 *
 * <p>Thread-safe; time is passed in (nanoseconds, any origin) so tests control it.
 */
public final class EndpointHealth {
  /** What the pool sees of an endpoint. */
  public enum State {
    HEALTHY,
    EJECTED,
    PROBE_FAILED
  }

  private final EjectionConfig policy;
  private int consecutiveFailures;
  private int ejections;
  private long ejectedUntil;
  private boolean ejected;
  private volatile boolean probeFailed;
  private volatile long totalFailures;
  private volatile long totalSuccesses;

  public EndpointHealth(EjectionConfig policy) {
    this.policy = policy;
  }

  /** Records a successful request (or the first byte of one). */
  public synchronized void recordSuccess() {
    consecutiveFailures = 0;
    ejections = 0;
    ejected = false;
    totalSuccesses++;
  }

  /** Records a failed request; returns true if this failure ejected the endpoint. */
  public synchronized boolean recordFailure(long nowNanos) {
    totalFailures++;
    consecutiveFailures++;
    if (ejected && nowNanos - ejectedUntil < 0) {
      return false;
    }
    if (consecutiveFailures >= policy.consecutiveFailures() || ejected) {
      long duration = backoff(policy.base().toNanos(), policy.max().toNanos(), ejections);
      ejections++;
      ejected = true;
      ejectedUntil = nowNanos + duration;
      return true;
    }
    return false;
  }

  /** {@code base * 2^doublings}, capped at {@code max} without overflowing. */
  static long backoff(long base, long max, int doublings) {
    long duration = base;
    for (int i = 0; i < doublings && duration < max; i++) {
      duration = duration > max / 2 ? max : duration * 2;
    }
    return Math.min(duration, max);
  }

  /** Records the result of an active probe; returns whether it changed the probe state. */
  public boolean recordProbe(boolean ok) {
    boolean changed = probeFailed == ok;
    probeFailed = !ok;
    return changed;
  }

  /** Whether requests may be sent to the endpoint now. */
  public boolean isAvailable(long nowNanos) {
    if (probeFailed) {
      return false;
    }
    synchronized (this) {
      return !ejected || nowNanos - ejectedUntil >= 0;
    }
  }

  public synchronized State state(long nowNanos) {
    if (probeFailed) {
      return State.PROBE_FAILED;
    }
    return ejected && nowNanos - ejectedUntil < 0 ? State.EJECTED : State.HEALTHY;
  }

  public long totalFailures() {
    return totalFailures;
  }

  public long totalSuccesses() {
    return totalSuccesses;
  }
}
