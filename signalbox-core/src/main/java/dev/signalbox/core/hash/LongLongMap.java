package dev.signalbox.core.hash;

/**
 * A map from {@code long} to {@code long} with open addressing and linear probing, without boxing:
 * the prefix indexes look up and update hundreds of block hashes per request. Not thread-safe.
 */
public final class LongLongMap {
  /** What {@link #get} returns for a missing key. */
  public static final long MISSING = Long.MIN_VALUE;

  private long[] keys;
  private long[] values;
  private boolean[] used;
  private int size;
  private int mask;

  public LongLongMap() {
    this(16);
  }

  public LongLongMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new long[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
  }

  public int size() {
    return size;
  }

  /** The value of {@code key}, or {@link #MISSING}. */
  public long get(long key) {
    int i = slot(key);
    while (used[i]) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return MISSING;
  }

  public boolean containsKey(long key) {
    return get(key) != MISSING;
  }

  /** Sets {@code key} to {@code value}; returns the previous value, or {@link #MISSING}. */
  public long put(long key, long value) {
    int i = slot(key);
    while (used[i]) {
      if (keys[i] == key) {
        long previous = values[i];
        values[i] = value;
        return previous;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    if (++size > (mask + 1) / 2) {
      grow();
    }
    return MISSING;
  }

  /** Removes {@code key}; returns its value, or {@link #MISSING}. */
  public long remove(long key) {
    int i = slot(key);
    while (used[i]) {
      if (keys[i] == key) {
        long previous = values[i];
        shiftBack(i);
        size--;
        return previous;
      }
      i = (i + 1) & mask;
    }
    return MISSING;
  }

  /** Empties the slot at {@code gap} and moves later entries of its probe run back into it. */
  private void shiftBack(int gap) {
    int i = gap;
    while (true) {
      i = (i + 1) & mask;
      if (!used[i]) {
        break;
      }
      int home = slot(keys[i]);
      // the entry at i may fill the gap unless its home lies cyclically in (gap, i]
      boolean homeBetween = gap <= i ? gap < home && home <= i : gap < home || home <= i;
      if (!homeBetween) {
        keys[gap] = keys[i];
        values[gap] = values[i];
        gap = i;
      }
    }
    used[gap] = false;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    boolean[] oldUsed = used;
    int capacity = oldKeys.length * 2;
    keys = new long[capacity];
    values = new long[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private int slot(long key) {
    return (int) StableHash.mix(key) & mask;
  }
}
