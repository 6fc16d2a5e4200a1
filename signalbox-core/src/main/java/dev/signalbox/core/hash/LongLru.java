package dev.signalbox.core.hash;

/**
 * A set of {@code long} keys in least-recently-used order. Touching a key appends it to a queue and
 * stamps it; entries of the queue whose stamp is no longer the key's are skipped when the oldest
 * is taken, and dropped in bulk once they outnumber the live ones, so every operation is O(1)
 * amortised. With a {@code slack}, a key touched again within {@code slack} touches of its last
 * stamp keeps that stamp (one lookup instead of a queue entry): the order is then LRU to within
 * {@code slack} places, which is cheap for keys touched over and over. Not thread-safe.
 */
public final class LongLru {
  private final LongLongMap stamps = new LongLongMap();
  private final long slack;
  private LongPairQueue order = new LongPairQueue();
  private long clock;

  /** An exact LRU order. */
  public LongLru() {
    this(0);
  }

  /** An LRU order exact to within {@code slack} places. */
  public LongLru(long slack) {
    this.slack = slack;
  }

  /** Adds {@code key}, or makes it the most recent; returns whether it was new. */
  public boolean touch(long key) {
    long stamp = stamps.get(key);
    if (stamp != LongLongMap.MISSING && clock - stamp < slack) {
      return false;
    }
    stamps.put(key, ++clock);
    order.add(key, clock);
    if (order.size() > 2 * stamps.size() + 64) {
      compact();
    }
    return stamp == LongLongMap.MISSING;
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
