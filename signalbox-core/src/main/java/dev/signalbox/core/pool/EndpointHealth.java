package dev.signalbox.core.pool;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;

/**
 * Everything Signalbox knows about an endpoint's health, from three monitors: its {@link
 * CircuitBreaker} (passive: outcomes of real requests), active probes (a failed probe takes it out
 * until one passes), and 429 cool-downs (a {@code Retry-After} keeps it out for that long without
 * counting as a failure). It also keeps moving averages of time to first byte and of the error
 * rate, which weigh its edges in the route graph.
 *
 * <p>Thread-safe; time is passed in (nanoseconds, any origin) so tests control it.
 */
public final class EndpointHealth {
  /** What an operator sees of an endpoint. */
  public enum State {
    HEALTHY,
    EJECTED,
    HALF_OPEN,
    PROBE_FAILED,
    COOLING_DOWN
  }

  /** Receives circuit transitions and probe changes of one endpoint. */
  public interface Listener {
    void onChange(String what, String reason);
  }

  /** Weight of the newest sample in the moving averages. */
  private static final double ALPHA = 0.2;

  private final CircuitBreaker breaker;
  private volatile boolean probeFailed;
  private volatile long coolUntil;
  private volatile boolean coolingDown;
  private volatile double firstByteMsAvg = Double.NaN;
  private volatile double errorRateAvg;
  private volatile long totalFailures;
  private volatile long totalSuccesses;

  public EndpointHealth(CircuitBreakerConfig config) {
    this(config, (what, reason) -> { });
  }

  public EndpointHealth(CircuitBreakerConfig config, Listener listener) {
    this.breaker = new CircuitBreaker(config, (from, to, reason) ->
        listener.onChange("circuit " + from.name().toLowerCase() + " -> " + to.name().toLowerCase(), reason));
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /** Records a successful request and its time to first byte. */
  public void recordSuccess(long nowNanos, double firstByteMs) {
    synchronized (this) {
      totalSuccesses++;
      errorRateAvg = (1 - ALPHA) * errorRateAvg;
      firstByteMsAvg = Double.isNaN(firstByteMsAvg) ? firstByteMs : (1 - ALPHA) * firstByteMsAvg + ALPHA * firstByteMs;
    }
    breaker.onSuccess(nowNanos);
  }

  /** Records a failed request; returns true if this failure opened the circuit. */
  public boolean recordFailure(long nowNanos, String why) {
    synchronized (this) {
      totalFailures++;
      errorRateAvg = (1 - ALPHA) * errorRateAvg + ALPHA;
    }
    return breaker.onFailure(nowNanos, why);
  }

  /** Keeps the endpoint out until {@code untilNanos} (a 429 with Retry-After); not a failure. */
  public void coolDown(long untilNanos) {
    if (!coolingDown || untilNanos - coolUntil > 0) {
      coolUntil = untilNanos;
      coolingDown = true;
    }
  }

  /** Records the result of an active probe; returns whether it changed the probe state. */
  public boolean recordProbe(boolean ok, long nowNanos) {
    boolean changed = probeFailed == ok;
    probeFailed = !ok;
    if (ok) {
      breaker.onProbePassed(nowNanos);
    }
    return changed;
  }

  /** Whether a request may be sent now (without claiming a half-open trial). */
  public boolean isAvailable(long nowNanos) {
    return !probeFailed && !cooling(nowNanos) && breaker.allows(nowNanos);
  }

  /** Claims permission to send a request now; see {@link CircuitBreaker#tryAcquire}. */
  public boolean tryAcquire(long nowNanos) {
    return !probeFailed && !cooling(nowNanos) && breaker.tryAcquire(nowNanos);
  }

  /**
   * How long until a request may be sent: 0 when it may now, {@code Long.MAX_VALUE} when no time
   * alone will bring it back (its probe failed, or a half-open trial is under way).
   */
  public long nanosUntilAvailable(long nowNanos) {
    if (probeFailed) {
      return Long.MAX_VALUE;
    }
    long wait = cooling(nowNanos) ? coolUntil - nowNanos : 0;
    if (breaker.state(nowNanos) == CircuitBreaker.State.OPEN) {
      wait = Math.max(wait, breaker.nanosUntilTrial(nowNanos));
    } else if (!breaker.allows(nowNanos)) {
      return Long.MAX_VALUE;
    }
    return wait;
  }

  public State state(long nowNanos) {
    if (probeFailed) {
      return State.PROBE_FAILED;
    }
    if (cooling(nowNanos)) {
      return State.COOLING_DOWN;
    }
    switch (breaker.state(nowNanos)) {
      case OPEN:
        return State.EJECTED;
      case HALF_OPEN:
        return State.HALF_OPEN;
      default:
        return State.HEALTHY;
    }
  }

  /** Moving average of time to first byte in ms (NaN before the first success). */
  public double firstByteMsAverage() {
    return firstByteMsAvg;
  }

  /** Moving average of the share of requests that failed. */
  public double errorRateAverage() {
    return errorRateAvg;
  }

  public long totalFailures() {
    return totalFailures;
  }

  public long totalSuccesses() {
    return totalSuccesses;
  }

  private boolean cooling(long nowNanos) {
    if (coolingDown && nowNanos - coolUntil >= 0) {
      coolingDown = false;
    }
    return coolingDown;
  }

  /** {@code base * 2^doublings}, capped at {@code max} without overflowing. */
  static long backoff(long base, long max, int doublings) {
    long duration = base;
    for (int i = 0; i < doublings && duration < max; i++) {
      duration = duration > max / 2 ? max : duration * 2;
    }
    return Math.min(duration, max);
  }
}
