package dev.signalbox.core.pool;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Each replica's rate of finishing requests, measured from the gateway's side with no hook into
 * the call: what was sent there minus the growth of what is in flight there, counted over windows
 * of a second and smoothed. With the waiting queue a replica reports, it turns into a wait:
 * Little's law, {@code wait ≈ waiting / rate}. Not thread-safe.
 */
final class CompletionRate {
  static final long WINDOW_NANOS = 1_000_000_000L;

  private final Map<Endpoint, State> states = new IdentityHashMap<>();

  private static final class State {
    int lastInFlight;
    long windowStart;
    int finished;
    double perSecond = Double.NaN;
  }

  /** Updates the count for {@code e} from its requests in flight now. */
  void observe(Endpoint e, long now) {
    State s = states.get(e);
    if (s == null) {
      s = new State();
      s.lastInFlight = e.inFlight();
      s.windowStart = now;
      states.put(e, s);
      return;
    }
    int inFlight = e.inFlight();
    s.finished += Math.max(0, s.lastInFlight - inFlight);
    s.lastInFlight = inFlight;
    long elapsed = now - s.windowStart;
    if (elapsed >= WINDOW_NANOS) {
      double rate = s.finished * 1e9 / elapsed;
      s.perSecond = Double.isNaN(s.perSecond) ? rate : (s.perSecond + rate) / 2;
      s.finished = 0;
      s.windowStart = now;
    }
  }

  /** Notes a request sent to {@code e} (about to count as in flight there). */
  void sent(Endpoint e, long now) {
    observe(e, now);
    states.get(e).lastInFlight++;
  }

  /** Requests {@code e} finishes per second, or NaN before a first window has passed. */
  double perSecond(Endpoint e) {
    State s = states.get(e);
    return s == null ? Double.NaN : s.perSecond;
  }
}
