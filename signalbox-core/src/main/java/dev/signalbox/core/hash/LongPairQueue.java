package dev.signalbox.core.hash;

/** A first-in first-out queue of {@code (long, long)} pairs in a growing ring buffer. Not thread-safe. */
public final class LongPairQueue {
  private long[] firsts = new long[64];
  private long[] seconds = new long[64];
  private int head;
  private int size;

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void add(long first, long second) {
    if (size == firsts.length) {
      grow();
    }
    int tail = (head + size) & (firsts.length - 1);
    firsts[tail] = first;
    seconds[tail] = second;
    size++;
  }

  /** The first element of the oldest pair. */
  public long peekFirst() {
    return firsts[head];
  }

  /** The second element of the oldest pair. */
  public long peekSecond() {
    return seconds[head];
  }

  /** Drops the oldest pair. */
  public void poll() {
    head = (head + 1) & (firsts.length - 1);
    size--;
  }

  private void grow() {
    long[] f = new long[firsts.length * 2];
    long[] s = new long[firsts.length * 2];
    for (int i = 0; i < size; i++) {
      f[i] = firsts[(head + i) & (firsts.length - 1)];
      s[i] = seconds[(head + i) & (firsts.length - 1)];
    }
    firsts = f;
    seconds = s;
    head = 0;
  }
}
