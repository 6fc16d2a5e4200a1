package dev.signalbox.core.hash;

/**
 * A set of {@code long} keys in least-recently-used order. Touching a key appends it to a queue and
 * stamps it; entries of the queue whose stamp is no longer the key's are skipped when the oldest
 * is taken, and dropped in bulk once they outnumber the live ones, so every operation is O(1)
 * amortised. Not thread-safe.
 */
public final class LongLru {
  private final LongLongMap stamps = new LongLongMap();
  private LongPairQueue order = new LongPairQueue();
  private long clock;

  /** Adds {@code key}, or makes it the most recent. */
  public void touch(long key) {
    stamps.put(key, ++clock);
    order.add(key, clock);
    if (order.size() > 2 * stamps.size() + 64) {
      compact();
    }
  }

  public boolean contains(long key) {
    return stamps.containsKey(key);
  }

  /** Removes {@code key}; returns whether it was there. */
  public boolean remove(long key) {
    return stamps.remove(key) != LongLongMap.MISSING;
  }

  public int size() {
    return stamps.size();
  }

  /** Removes and returns the least recently touched key; the set must not be empty. */
  public long removeOldest() {
    while (true) {
      long key = order.peekFirst();
      long stamp = order.peekSecond();
      order.poll();
      if (stamps.get(key) == stamp) {
        stamps.remove(key);
        return key;
      }
    }
  }

  private void compact() {
    LongPairQueue live = new LongPairQueue();
    while (!order.isEmpty()) {
      if (stamps.get(order.peekFirst()) == order.peekSecond()) {
        live.add(order.peekFirst(), order.peekSecond());
      }
      order.poll();
    }
    order = live;
  }
}
