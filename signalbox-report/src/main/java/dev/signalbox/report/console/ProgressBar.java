package dev.signalbox.report.console;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, redrawn with carriage returns at most ten times a second.
 * Silent when stderr is not a terminal (CI logs, pipes), unless forced.
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private long done;
  private long lastDrawNanos;

  private ProgressBar(String label, long total, PrintStream out) {
    this.label = label;
    this.total = Math.max(1, total);
    this.out = out;
  }

  /** A bar on stderr when it is a terminal, else a silent one. */
  public static ProgressBar start(String label, long total) {
    return new ProgressBar(label, total, System.console() != null ? System.err : null);
  }

  /** A bar that draws on {@code out} whatever it is (tests). */
  public static ProgressBar to(PrintStream out, String label, long total) {
    return new ProgressBar(label, total, out);
  }

  /** Records {@code n} more units of work done. */
  public synchronized void advance(long n) {
    done = Math.min(total, done + n);
    long now = System.nanoTime();
    if (out != null && (now - lastDrawNanos > 100_000_000L || done == total)) {
      lastDrawNanos = now;
      draw(now);
    }
  }

  private void draw(long now) {
    int filled = (int) (WIDTH * done / total);
    double seconds = (now - startNanos) / 1e9;
    out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + done + "/" + total + String.format(" %.0fs", seconds));
    out.flush();
  }

  /** Ends the line (when anything was drawn). */
  @Override
  public synchronized void close() {
    if (out != null && lastDrawNanos != 0) {
      out.println();
      out.flush();
    }
  }
}
