package dev.signalbox.gateway.proxy;

/**
 * The gateway's own time on one request: from accepting it to finishing it, minus the spans spent
 * waiting for the upstream (from sending a request to its answer, and between streamed chunks).
 * Connection set-up and pool waits count as the gateway's, so the figure errs high, never low.
 * One request lives on one event loop, so this needs no synchronisation.
 */
public final class OverheadClock {
  private final long startNanos;
  private long waitingSince = -1;
  private long waitedNanos;

  /** Starts at {@code startNanos} ({@link System#nanoTime()} when the request arrived). */
  public OverheadClock(long startNanos) {
    this.startNanos = startNanos;
  }

  public long startNanos() {
    return startNanos;
  }

  /** The gateway hands over to the upstream: from now on it waits. */
  public void awaitUpstream() {
    if (waitingSince < 0) {
      waitingSince = System.nanoTime();
    }
  }

  /** Something arrived (the upstream's answer, a chunk, a timer): the gateway works again. */
  public void resume() {
    if (waitingSince >= 0) {
      waitedNanos += System.nanoTime() - waitingSince;
      waitingSince = -1;
    }
  }

  /** The gateway's own time so far, in nanoseconds. */
  public long ownNanos() {
    long now = System.nanoTime();
    long waited = waitedNanos + (waitingSince >= 0 ? now - waitingSince : 0);
    return now - startNanos - waited;
  }

  /** {@link #ownNanos()} in whole microseconds. */
  public long ownMicros() {
    return ownNanos() / 1_000;
  }
}
