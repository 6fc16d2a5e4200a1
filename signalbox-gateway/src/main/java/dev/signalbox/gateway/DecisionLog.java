package dev.signalbox.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent decisions, bounded: a ring that the newest overwrites the oldest in. Adding, on
 * every request, is one atomic increment and one store, without locks or allocation; looking a
 * request up scans the ring newest first, which only the decisions API does.
 */
public final class DecisionLog {
  private final int capacity;
  private final AtomicReferenceArray<DecisionRecord> ring;
  private final AtomicLong added = new AtomicLong();

  public DecisionLog(int capacity) {
    this.capacity = capacity;
    this.ring = new AtomicReferenceArray<>(Math.max(capacity, 1));
  }

  public void add(DecisionRecord record) {
    if (capacity == 0) {
      return;
    }
    ring.set((int) (added.getAndIncrement() % capacity), record);
  }

  /** The newest record with this request id, or null when none is kept. */
  public DecisionRecord get(String requestId) {
    long newest = added.get() - 1;
    for (long i = newest; i >= 0 && i > newest - capacity; i--) {
      DecisionRecord r = ring.get((int) (i % capacity));
      if (r != null && r.requestId().equals(requestId)) {
        return r;
      }
    }
    return null;
  }

  /** Up to {@code limit} records, newest first; a request id reused by a client shows once. */
  public List<DecisionRecord> recent(int limit) {
    List<DecisionRecord> out = new ArrayList<>(Math.min(limit, 64));
    Set<String> seen = new HashSet<>();
    long newest = added.get() - 1;
    for (long i = newest; i >= 0 && i > newest - capacity && out.size() < limit; i--) {
      DecisionRecord r = ring.get((int) (i % capacity));
      if (r != null && seen.add(r.requestId())) {
        out.add(r);
      }
    }
    return out;
  }
}
