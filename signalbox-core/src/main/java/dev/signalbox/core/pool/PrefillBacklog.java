package dev.signalbox.core.pool;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Estimates each replica's time to first token from the gateway's side, with no feedback from the
 * replica: prompt tokens sent to a replica and not yet in its cache join a fluid backlog that
 * drains at the replica's prefill speed, so {@code TTFT ≈ (backlog + uncached) / speed}. A
 * replica with nothing in flight has no backlog. This is the queue-delay estimate that DualMap's
 * SLO check needs, reconstructed (algorithms.md §4). Not thread-safe.
 */
final class PrefillBacklog {
  private final double tokensPerNano;
  private final LongSupplier nanoClock;
  private final Map<Endpoint, State> backlog = new IdentityHashMap<>();

  private static final class State {
    double tokens;
    long at;
  }

  PrefillBacklog(double tokensPerSecond, LongSupplier nanoClock) {
    this.tokensPerNano = tokensPerSecond / 1e9;
    this.nanoClock = nanoClock;
  }

  /** Prompt tokens the replica has still to prefill, now. */
  double tokens(Endpoint e) {
    State state = backlog.get(e);
    if (state == null) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    state.tokens = e.inFlight() == 0 ? 0 : Math.max(0, state.tokens - (now - state.at) * tokensPerNano);
    state.at = now;
    return state.tokens;
  }

  /** Estimated time to first token of a request with {@code uncached} prompt tokens sent to {@code e}. */
  double ttftMs(Endpoint e, int uncached) {
    return (tokens(e) + uncached) / tokensPerNano / 1e6;
  }

  /** Records that {@code uncached} prompt tokens were sent to {@code e}. */
  void add(Endpoint e, int uncached) {
    double left = tokens(e);
    State state = backlog.computeIfAbsent(e, x -> new State());
    state.tokens = left + uncached;
    state.at = nanoClock.getAsLong();
  }
}
