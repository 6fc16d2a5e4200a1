package dev.signalbox.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes the gateway may hold at once for one purpose (request bodies being read, answers held
 * whole), shared by every event loop: a reservation that would pass the limit is refused, so a
 * few connections cannot take the heap.
 */
public final class MemoryBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();

  /** {@code limit} bytes; 0 means a quarter of the JVM's maximum heap. */
  public MemoryBudget(long limit) {
    this.limit = limit > 0 ? limit : Runtime.getRuntime().maxMemory() / 4;
  }

  /** Takes {@code bytes} if they fit. */
  public boolean tryReserve(long bytes) {
    long after = used.addAndGet(bytes);
    if (after > limit && bytes > 0) {
      used.addAndGet(-bytes);
      return false;
    }
    peak.accumulateAndGet(after, Math::max);
    return true;
  }

  public void release(long bytes) {
    used.addAndGet(-bytes);
  }

  public long limit() {
    return limit;
  }

  public long used() {
    return used.get();
  }

  /** The most ever held at once. */
  public long peak() {
    return peak.get();
  }
}
