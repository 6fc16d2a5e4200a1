package dev.signalbox.gateway.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A count that only goes up; lock-free and allocation-free to increment. */
public final class Counter {
  private final LongAdder value = new LongAdder();

  public void inc() {
    value.increment();
  }

  public void add(long amount) {
    value.add(amount);
  }

  public long get() {
    return value.sum();
  }
}
