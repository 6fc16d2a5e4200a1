package dev.signalbox.gateway;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** The most recent decisions by request id, bounded: the oldest are dropped first. */
public final class DecisionLog {
  private final int capacity;
  private final Map<String, DecisionRecord> byId = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<DecisionRecord> order = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();

  public DecisionLog(int capacity) {
    this.capacity = capacity;
  }

  public void add(DecisionRecord record) {
    if (capacity == 0) {
      return;
    }
    DecisionRecord previous = byId.put(record.requestId(), record);
    if (previous != null) {
      order.remove(previous);
      size.decrementAndGet();
    }
    order.addLast(record);
    if (size.incrementAndGet() > capacity) {
      DecisionRecord oldest = order.pollFirst();
      if (oldest != null) {
        byId.remove(oldest.requestId(), oldest);
        size.decrementAndGet();
      }
    }
  }

  public DecisionRecord get(String requestId) {
    return byId.get(requestId);
  }

  /** Up to {@code limit} records, newest first. */
  public List<DecisionRecord> recent(int limit) {
    List<DecisionRecord> out = new ArrayList<>(Math.min(limit, 64));
    for (Iterator<DecisionRecord> it = order.descendingIterator(); it.hasNext() && out.size() < limit; ) {
      out.add(it.next());
    }
    return out;
  }
}
