package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's approximate picture of each replica's prefix cache: which prompt blocks each
 * replica was sent, at most {@code capacity} blocks per replica, the least recently sent evicted
 * first. It is llm-d's approximate prefix index (hashed 16-token blocks, an LRU per replica), and
 * SGLang's per-worker approximate radix tree at block granularity: since a block's hash covers
 * its whole prefix, a set of block hashes is a prefix tree whose nodes are named by their path.
 *
 * <p>A global map from block hash to the set of replicas holding it makes a lookup cost the
 * matched depth, not the number of replicas. Eviction runs in batches once a replica holds an
 * eighth more than its capacity, as SGLang's router evicts on a timer. Not thread-safe.
 */
final class PrefixIndex {
  /** Deepest block indexed per prompt: 32k tokens, bounding the cost of one insert. */
  static final int MAX_BLOCKS = 2048;

  private final int capacity;
  private final Map<Endpoint, Replica> replicas = new IdentityHashMap<>();
  private final List<Replica> bySlot = new ArrayList<>();
  private final HashMap<Long, long[]> holders = new HashMap<>();
  private long tick;

  /** One replica's blocks, each with the tick it was last sent at. */
  private static final class Replica {
    final int slot;
    final HashMap<Long, Long> lastSent = new HashMap<>();

    Replica(int slot) {
      this.slot = slot;
    }
  }

  PrefixIndex(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Fills {@code matched[i]} with how many leading blocks of {@code prompt} the replica
   * {@code candidates.get(i)} holds.
   */
  void match(PrefixBlocks prompt, List<Endpoint> candidates, int[] matched) {
    int n = candidates.size();
    Arrays.fill(matched, 0, n, 0);
    int depth = Math.min(prompt.size(), MAX_BLOCKS);
    long[] first = depth == 0 ? null : holders.get(prompt.hash(0));
    if (first == null) {
      return;
    }
    int[] candidateAt = new int[bySlot.size()];
    Arrays.fill(candidateAt, -1);
    long[] alive = new long[words(bySlot.size())];
    for (int i = 0; i < n; i++) {
      Replica r = replicas.get(candidates.get(i));
      if (r != null) {
        candidateAt[r.slot] = i;
        alive[r.slot >>> 6] |= 1L << r.slot;
      }
    }
    int block = 0;
    long[] held = first;
    while (true) {
      boolean any = false;
      for (int w = 0; w < alive.length; w++) {
        long still = alive[w] & (w < held.length ? held[w] : 0);
        long dropped = alive[w] & ~still;
        while (dropped != 0) {
          matched[candidateAt[(w << 6) + Long.numberOfTrailingZeros(dropped)]] = block;
          dropped &= dropped - 1;
        }
        alive[w] = still;
        any |= still != 0;
      }
      if (!any) {
        return;
      }
      block++;
      held = block < depth ? holders.get(prompt.hash(block)) : null;
      if (held == null) {
        held = new long[0];
      }
    }
  }

  /** Records that {@code prompt} was sent to {@code replica}: its blocks are now cached there. */
  void insert(PrefixBlocks prompt, Endpoint replica) {
    Replica r = replicas.computeIfAbsent(replica, e -> {
      Replica created = new Replica(bySlot.size());
      bySlot.add(created);
      return created;
    });
    int depth = Math.min(prompt.size(), MAX_BLOCKS);
    // deepest first, so a prompt's leading blocks are the most recent and evicted last
    for (int i = depth - 1; i >= 0; i--) {
      long hash = prompt.hash(i);
      if (r.lastSent.put(hash, ++tick) == null) {
        long[] bits = holders.get(hash);
        int word = r.slot >>> 6;
        if (bits == null || bits.length <= word) {
          bits = bits == null ? new long[word + 1] : Arrays.copyOf(bits, word + 1);
          holders.put(hash, bits);
        }
        bits[word] |= 1L << r.slot;
      }
    }
    if (r.lastSent.size() > capacity + capacity / 8) {
      evict(r);
    }
  }

  /** Blocks held for a replica (SGLang's tree size per worker). */
  int size(Endpoint replica) {
    Replica r = replicas.get(replica);
    return r == null ? 0 : r.lastSent.size();
  }

  private void evict(Replica r) {
    long[] ticks = new long[r.lastSent.size()];
    int k = 0;
    for (long t : r.lastSent.values()) {
      ticks[k++] = t;
    }
    Arrays.sort(ticks);
    long keepFrom = ticks[ticks.length - capacity];
    r.lastSent.entrySet().removeIf(e -> {
      if (e.getValue() >= keepFrom) {
        return false;
      }
      long[] bits = holders.get(e.getKey());
      bits[r.slot >>> 6] &= ~(1L << r.slot);
      if (isEmpty(bits)) {
        holders.remove(e.getKey());
      }
      return true;
    });
  }

  private static boolean isEmpty(long[] bits) {
    for (long w : bits) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  private static int words(int slots) {
    return Math.max(1, (slots + 63) >>> 6);
  }
}
