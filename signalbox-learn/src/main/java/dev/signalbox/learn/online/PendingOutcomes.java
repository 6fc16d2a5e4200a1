package dev.signalbox.learn.online;

import dev.signalbox.core.routing.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decisions waiting for their outcome, by request id: a bounded map (the oldest are forgotten
 * first) whose entries collect the parts of an outcome until it is complete, then leave. Leaving on
 * completion is what makes learning idempotent: a second complete outcome finds nothing.
 *
 * @param <C> what the learner needs again to learn: the chosen model and the context it saw
 */
public final class PendingOutcomes<C> {
  private final Map<String, Entry<C>> entries;

  /** The state of one id after a {@link #merge}. */
  public record Merged<C>(C context, Outcome outcome) {}

  private static final class Entry<C> {
    final C context;
    Outcome outcome;

    Entry(C context) {
      this.context = context;
    }
  }

  /** Keeps at most {@code capacity} decisions. */
  public PendingOutcomes(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry<C>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Remembers a decision (a repeated id replaces the older one). */
  public synchronized void put(String requestId, C context) {
    entries.put(requestId, new Entry<>(context));
  }

  /**
   * Adds a part of the outcome of a decision. Returns null when no decision waits under the id;
   * otherwise the context with the merged outcome, which has left the map if it is complete.
   */
  public synchronized Merged<C> merge(String requestId, Outcome part) {
    Entry<C> e = entries.get(requestId);
    if (e == null) {
      return null;
    }
    e.outcome = e.outcome == null ? part : e.outcome.merge(part);
    if (e.outcome.complete()) {
      entries.remove(requestId);
    }
    return new Merged<>(e.context, e.outcome);
  }

  public synchronized int size() {
    return entries.size();
  }
}
