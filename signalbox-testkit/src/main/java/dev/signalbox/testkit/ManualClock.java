package dev.signalbox.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A nanosecond clock that moves only when a test says so, for the components that take an
 * injected clock ({@code EndpointHealth}, the pool strategies, the simulator). Thread-safe.
 */
public final class ManualClock implements LongSupplier {
  private final AtomicLong nanos;

  /** A clock at an arbitrary, large start (some components treat 0 as "never"). */
  public ManualClock() {
    this(1_000_000_000_000L);
  }

  public ManualClock(long startNanos) {
    this.nanos = new AtomicLong(startNanos);
  }

  @Override
  public long getAsLong() {
    return nanos.get();
  }

  /** Moves the clock on by {@code d}; returns the new time. */
  public long advance(Duration d) {
    return nanos.addAndGet(d.toNanos());
  }
}
