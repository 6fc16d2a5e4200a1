package dev.signalbox.gateway;

import java.util.ArrayList;
import java.util.List;
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

  /** Up to {@code limit} records, newest first. */
  public List<DecisionRecord> recent(int limit) {
    return recent(limit, null, null);
  }

  /** Up to {@code limit} records of a route and a model (null: any), newest first. */
  public List<DecisionRecord> recent(int limit, String route, String model) {
    List<DecisionRecord> out = new ArrayList<>(Math.min(limit, 64));
    long newest = added.get() - 1;
    for (long i = newest; i >= 0 && i > newest - capacity && out.size() < limit; i--) {
      DecisionRecord r = ring.get((int) (i % capacity));
      if (r != null && (route == null || route.equals(r.route())) && (model == null || model.equals(r.model()))) {
        out.add(r);
      }
    }
    return out;
  }
}
