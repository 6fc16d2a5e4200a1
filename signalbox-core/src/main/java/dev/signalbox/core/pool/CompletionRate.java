package dev.signalbox.core.pool;

import java.util.Arrays;

/**
 * Each replica's rate of finishing requests, measured from the gateway's side with no hook into
 * the call: what was sent there minus the growth of what is in flight there, counted over windows
 * of a second and smoothed. With the waiting queue a replica reports, it turns into a wait:
 * Little's law, {@code wait ≈ waiting / rate}. By replica number; not thread-safe.
 */
final class CompletionRate {
  static final long WINDOW_NANOS = 1_000_000_000L;

  private int[] lastInFlight = new int[0];
  private long[] windowStart = new long[0];
  private int[] finished = new int[0];
  private double[] perSecond = new double[0];

  /** Updates the count for replica {@code m} from its requests in flight now. */
  void observe(int m, int inFlight, long now) {
    if (m >= perSecond.length) {
      grow(m, inFlight, now);
      return;
    }
    finished[m] += Math.max(0, lastInFlight[m] - inFlight);
    lastInFlight[m] = inFlight;
    long elapsed = now - windowStart[m];
    if (elapsed >= WINDOW_NANOS) {
      double rate = finished[m] * 1e9 / elapsed;
      perSecond[m] = Double.isNaN(perSecond[m]) ? rate : (perSecond[m] + rate) / 2;
      finished[m] = 0;
      windowStart[m] = now;
    }
  }

  /** Notes a request sent to replica {@code m} (about to count as in flight there). */
  void sent(int m, int inFlight, long now) {
    observe(m, inFlight, now);
    lastInFlight[m]++;
  }

  /** Requests replica {@code m} finishes per second, or NaN before a first window has passed. */
  double perSecond(int m) {
    return m < perSecond.length ? perSecond[m] : Double.NaN;
  }

  private void grow(int m, int inFlight, long now) {
    int from = perSecond.length;
    int size = Math.max(m + 1, from * 2);
    lastInFlight = Arrays.copyOf(lastInFlight, size);
    windowStart = Arrays.copyOf(windowStart, size);
    finished = Arrays.copyOf(finished, size);
    perSecond = Arrays.copyOf(perSecond, size);
    for (int i = from; i < size; i++) {
      perSecond[i] = Double.NaN;
      windowStart[i] = now;
    }
    lastInFlight[m] = inFlight;
  }
}
