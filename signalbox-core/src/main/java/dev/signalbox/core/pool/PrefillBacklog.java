package dev.signalbox.core.pool;

import java.util.Arrays;

/**
 * Estimates each replica's time to first token from the gateway's side, with no feedback from the
 * replica: prompt tokens sent to a replica and not yet in its cache join a fluid backlog that
 * drains at the replica's prefill speed, so {@code TTFT ≈ (backlog + uncached) / speed}. A
 * replica with nothing in flight has no backlog. This is the queue-delay estimate that DualMap's
 * SLO check needs, reconstructed (algorithms.md §4). By replica number; not thread-safe.
 */
final class PrefillBacklog {
  private final double tokensPerNano;
  private double[] tokens = new double[16];
  private long[] at = new long[16];

  PrefillBacklog(double tokensPerSecond) {
    this.tokensPerNano = tokensPerSecond / 1e9;
  }

  /** Prompt tokens replica {@code m} (with {@code inFlight} requests) has still to prefill at {@code now}. */
  double tokens(int m, int inFlight, long now) {
    if (m >= tokens.length) {
      return 0;
    }
    tokens[m] = inFlight == 0 ? 0 : Math.max(0, tokens[m] - (now - at[m]) * tokensPerNano);
    at[m] = now;
    return tokens[m];
  }

  /** Estimated time to first token on replica {@code m} of a request with {@code uncached} prompt tokens. */
  double ttftMs(int m, int inFlight, int uncached, long now) {
    return (tokens(m, inFlight, now) + uncached) / tokensPerNano / 1e6;
  }

  /** Records that {@code uncached} prompt tokens were sent to replica {@code m}. */
  void add(int m, int inFlight, int uncached, long now) {
    if (m >= tokens.length) {
      int size = Math.max(m + 1, tokens.length * 2);
      tokens = Arrays.copyOf(tokens, size);
      at = Arrays.copyOf(at, size);
      at[m] = now;
    }
    tokens[m] = tokens(m, inFlight, now) + uncached;
  }
}
