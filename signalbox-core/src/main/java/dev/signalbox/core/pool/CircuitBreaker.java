package dev.signalbox.core.pool;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;

/**
 * A circuit breaker for one endpoint: CLOSED lets requests through and counts failures; too many
 * (a run of consecutive failures, or a failure rate over a sliding window of calls) OPEN it, and
 * nothing is sent until its open time passes; then it is HALF_OPEN and lets one trial request
 * through: success closes it, failure opens it again for twice as long (up to a cap). A passing
 * active probe may move an open breaker to half-open early, so a recovered endpoint comes back
 * within a probe interval rather than after a long back-off.
 *
 * <p>Thread-safe. Time is passed in as nanoseconds (any origin) so tests control it; every
 * transition is reported to the listener with its reason.
 */
public final class CircuitBreaker {
  /** The breaker's states. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** Receives every transition, outside the breaker's lock. */
  public interface Listener {
    void onTransition(State from, State to, String reason);
  }

  private final CircuitBreakerConfig config;
  private final Listener listener;
  private final boolean[] window;
  private int windowNext;
  private int windowCalls;
  private int windowFailures;
  private int consecutiveFailures;
  private State state = State.CLOSED;
  private long openedAt;
  private long openUntil;
  private int openings;
  private boolean trialInFlight;

  public CircuitBreaker(CircuitBreakerConfig config, Listener listener) {
    this.config = config;
    this.listener = listener;
    this.window = new boolean[config.window()];
  }

  /** The state now (an open breaker whose time has passed reads as half-open). */
  public synchronized State state(long nowNanos) {
    return state == State.OPEN && nowNanos - openUntil >= 0 ? State.HALF_OPEN : state;
  }

  /** Whether a request could be let through now, without claiming the half-open trial. */
  public synchronized boolean allows(long nowNanos) {
    switch (state(nowNanos)) {
      case CLOSED:
        return true;
      case HALF_OPEN:
        return !trialInFlight;
      default:
        return false;
    }
  }

  /**
   * Claims permission to send a request: always granted when closed; when half-open, granted to
   * one request at a time (the trial); never when open.
   */
  public boolean tryAcquire(long nowNanos) {
    String transition = null;
    boolean granted;
    synchronized (this) {
      if (state == State.OPEN && nowNanos - openUntil >= 0) {
        state = State.HALF_OPEN;
        transition = "open time of " + millis(openUntil - openedAt) + " ms passed";
      }
      if (state == State.CLOSED) {
        granted = true;
      } else if (state == State.HALF_OPEN && !trialInFlight) {
        trialInFlight = true;
        granted = true;
      } else {
        granted = false;
      }
    }
    if (transition != null) {
      listener.onTransition(State.OPEN, State.HALF_OPEN, transition);
    }
    return granted;
  }

  /** Gives back a claimed trial whose request ended without an outcome (the client left). */
  public synchronized void release() {
    trialInFlight = false;
  }

  /**
   * Records a success; a half-open breaker closes. An open one ignores it (the request began
   * before the breaker opened).
   */
  public void onSuccess(long nowNanos) {
    boolean closed;
    synchronized (this) {
      State from = state(nowNanos);
      if (from == State.OPEN) {
        return;
      }
      record(false);
      consecutiveFailures = 0;
      closed = from == State.HALF_OPEN;
      if (closed) {
        state = State.CLOSED;
        openings = 0;
        trialInFlight = false;
        clearWindow();
      }
    }
    if (closed) {
      listener.onTransition(State.HALF_OPEN, State.CLOSED, "a trial request succeeded");
    }
  }

  /** Records a failure; returns true if it opened the breaker. */
  public boolean onFailure(long nowNanos, String why) {
    State from;
    String reason;
    synchronized (this) {
      record(true);
      consecutiveFailures++;
      from = state(nowNanos);
      if (from == State.OPEN) {
        return false;
      }
      if (from == State.HALF_OPEN) {
        reason = "the trial request failed: " + why;
      } else if (consecutiveFailures >= config.consecutiveFailures()) {
        reason = consecutiveFailures + " consecutive failures, last: " + why;
      } else if (windowCalls >= config.minimumCalls()
          && windowFailures >= config.failureRate() * windowCalls) {
        reason = windowFailures + " of the last " + windowCalls + " calls failed, last: " + why;
      } else {
        return false;
      }
      open(nowNanos);
    }
    listener.onTransition(from, State.OPEN, reason);
    return true;
  }

  /** An active probe passed: an open breaker that has been open for a while may try a request. */
  public void onProbePassed(long nowNanos) {
    synchronized (this) {
      if (state != State.OPEN || nowNanos - openUntil >= 0
          || nowNanos - openedAt < config.openBase().toNanos() / 2) {
        return;
      }
      openUntil = nowNanos;
    }
    listener.onTransition(State.OPEN, State.HALF_OPEN, "its health probe passed");
  }

  /** How long until an open breaker lets a trial through (0 when it would now). */
  public synchronized long nanosUntilTrial(long nowNanos) {
    return state == State.OPEN ? Math.max(0, openUntil - nowNanos) : 0;
  }

  private void open(long nowNanos) {
    long duration = EndpointHealth.backoff(config.openBase().toNanos(), config.openMax().toNanos(), openings);
    openings++;
    state = State.OPEN;
    trialInFlight = false;
    openedAt = nowNanos;
    openUntil = nowNanos + duration;
    clearWindow();
  }

  private void record(boolean failure) {
    if (window.length == 0) {
      return;
    }
    if (windowCalls == window.length) {
      if (window[windowNext]) {
        windowFailures--;
      }
    } else {
      windowCalls++;
    }
    window[windowNext] = failure;
    if (failure) {
      windowFailures++;
    }
    windowNext = (windowNext + 1) % window.length;
  }

  private void clearWindow() {
    windowCalls = 0;
    windowFailures = 0;
    windowNext = 0;
    consecutiveFailures = 0;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
