package dev.signalbox.core.pool;

import dev.signalbox.core.hash.LongLongMap;
import dev.signalbox.core.hash.LongLru;
import dev.signalbox.core.request.PrefixBlocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gateway's approximate picture of each replica's prefix cache: which prompt blocks each
 * replica was sent, at most {@code capacity} blocks per replica, the least recently sent evicted
 * first. It is llm-d's approximate prefix index (hashed 16-token blocks, an LRU per replica), and
 * SGLang's per-worker approximate radix tree at block granularity: since a block's hash covers
 * its whole prefix, a set of block hashes is a prefix tree whose nodes are named by their path.
 *
 * <p>A global map from block hash to a bit set of the replicas holding it makes a lookup cost the
 * matched depth times the replicas / 64, not a probe per replica. Replicas are known by number
 * ({@link ReplicaView}'s). Not thread-safe.
 */
final class PrefixIndex {
  /** Deepest block indexed per prompt: 32k tokens, bounding the cost of one insert. */
  static final int MAX_BLOCKS = 2048;

  private final int capacity;
  private final List<Replica> bySlot = new ArrayList<>();
  /** Block hash → entry number; an entry is {@code stride} words of replica bits in {@code bits}. */
  private final LongLongMap entryOf = new LongLongMap(1024);
  private long[] bits = new long[1024];
  private int stride = 1;
  private int entries;
  private int[] freeEntries = new int[16];
  private int freeCount;

  /** One replica's blocks in the order they were last sent, to within an eighth of its capacity. */
  private final class Replica {
    final int slot;
    final LongLru blocks = new LongLru(capacity / 8);

    Replica(int slot) {
      this.slot = slot;
    }
  }

  PrefixIndex(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Fills {@code matched[i]} with how many leading blocks of {@code prompt} the replica numbered
   * {@code replicas[i]} holds.
   */
  void match(PrefixBlocks prompt, int[] replicas, int[] matched) {
    int n = replicas.length;
    Arrays.fill(matched, 0, n, 0);
    int depth = Math.min(prompt.size(), MAX_BLOCKS);
    long entry = depth == 0 ? LongLongMap.MISSING : entryOf.get(prompt.hash(0));
    if (entry == LongLongMap.MISSING) {
      return;
    }
    int[] candidateAt = new int[bySlot.size()];
    long[] alive = new long[stride];
    for (int i = 0; i < n; i++) {
      int slot = replicas[i];
      if (slot < bySlot.size() && bySlot.get(slot) != null) {
        candidateAt[slot] = i;
        alive[slot >>> 6] |= 1L << slot;
      }
    }
    // only the words that still hold candidates are visited, usually one or two of them
    int[] words = new int[stride];
    int active = 0;
    for (int w = 0; w < stride; w++) {
      if (alive[w] != 0) {
        words[active++] = w;
      }
    }
    int block = 0;
    while (active > 0) {
      int base = (int) entry * stride;
      int kept = 0;
      for (int k = 0; k < active; k++) {
        int w = words[k];
        long still = entry == LongLongMap.MISSING ? 0 : alive[w] & bits[base + w];
        long dropped = alive[w] & ~still;
        while (dropped != 0) {
          matched[candidateAt[(w << 6) + Long.numberOfTrailingZeros(dropped)]] = block;
          dropped &= dropped - 1;
        }
        alive[w] = still;
        if (still != 0) {
          words[kept++] = w;
        }
      }
      active = kept;
      block++;
      entry = block < depth ? entryOf.get(prompt.hash(block)) : LongLongMap.MISSING;
    }
  }

  /** Records that {@code prompt} was sent to replica number {@code replica}: its blocks are now cached there. */
  void insert(PrefixBlocks prompt, int replica) {
    while (bySlot.size() <= replica) {
      bySlot.add(null);
    }
    Replica r = bySlot.get(replica);
    if (r == null) {
      r = new Replica(replica);
      bySlot.set(replica, r);
    }
    while (bySlot.size() > stride * 64) {
      widen();
    }
    int word = r.slot >>> 6;
    long bit = 1L << r.slot;
    // deepest first, so a prompt's leading blocks are the most recent and evicted last
    for (int i = Math.min(prompt.size(), MAX_BLOCKS) - 1; i >= 0; i--) {
      long hash = prompt.hash(i);
      if (r.blocks.touch(hash)) {
        long entry = entryOf.get(hash);
        if (entry == LongLongMap.MISSING) {
          entry = newEntry();
          entryOf.put(hash, entry);
        }
        bits[(int) entry * stride + word] |= bit;
      }
    }
    while (r.blocks.size() > capacity) {
      forget(r, r.blocks.removeOldest());
    }
  }

  /** Blocks held for a replica (SGLang's tree size per worker). */
  int size(int replica) {
    Replica r = replica < bySlot.size() ? bySlot.get(replica) : null;
    return r == null ? 0 : r.blocks.size();
  }

  private void forget(Replica r, long hash) {
    long entry = entryOf.get(hash);
    int base = (int) entry * stride;
    bits[base + (r.slot >>> 6)] &= ~(1L << r.slot);
    for (int w = 0; w < stride; w++) {
      if (bits[base + w] != 0) {
        return;
      }
    }
    entryOf.remove(hash);
    if (freeCount == freeEntries.length) {
      freeEntries = Arrays.copyOf(freeEntries, freeCount * 2);
    }
    freeEntries[freeCount++] = (int) entry;
  }

  private long newEntry() {
    if (freeCount > 0) {
      return freeEntries[--freeCount];
    }
    if ((entries + 1) * stride > bits.length) {
      bits = Arrays.copyOf(bits, bits.length * 2);
    }
    return entries++;
  }

  /** Gives every entry room for 64 more replicas. */
  private void widen() {
    int wider = stride + 1;
    long[] copy = new long[Math.max(bits.length / stride * wider, (entries + 1) * wider)];
    for (int e = 0; e < entries; e++) {
      System.arraycopy(bits, e * stride, copy, e * wider, stride);
    }
    bits = copy;
    stride = wider;
  }
}
