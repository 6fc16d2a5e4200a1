package dev.signalbox.sim.vllm;

import dev.signalbox.core.hash.LongLongMap;
import dev.signalbox.core.hash.LongLru;

/**
 * A replica's KV cache in blocks of 16 tokens, with vLLM's automatic prefix caching: a full prompt
 * block, once computed, is named by the hash of its prefix and can be shared by later requests.
 * Blocks that no running request uses stay cached until space is needed, the least recently freed
 * going first; a request frees its blocks last to first, so a prefix outlives its tail.
 */
final class KvCache {
  private final int capacity;
  /** Named block → requests using it. */
  private final LongLongMap refs = new LongLongMap(1024);
  /** Named blocks no request uses, least recently freed first. */
  private final LongLru evictable = new LongLru();
  private int used;

  KvCache(int capacity) {
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  /** Blocks held by running requests. */
  int used() {
    return used;
  }

  /** Whether a computed block of this hash is cached (held or evictable). */
  boolean contains(long hash) {
    return refs.containsKey(hash);
  }

  /**
   * Takes the cached blocks {@code hashes[0..hits)} and {@code fresh} new blocks for one request,
   * evicting as needed; false, changing nothing, when they do not fit.
   */
  boolean allocate(long[] hashes, int hits, int fresh) {
    int revived = 0;
    for (int i = 0; i < hits; i++) {
      if (refs.get(hashes[i]) == 0) {
        revived++;
      }
    }
    if (fresh + revived > capacity - used) {
      return false;
    }
    for (int i = 0; i < hits; i++) {
      if (refs.put(hashes[i], refs.get(hashes[i]) + 1) == 0) {
        evictable.remove(hashes[i]);
        used++;
      }
    }
    for (int overflow = used + fresh + evictable.size() - capacity; overflow > 0; overflow--) {
      refs.remove(evictable.removeOldest());
    }
    used += fresh;
    return true;
  }

  /**
   * Names one of a request's fresh blocks, now computed, so later requests can share it; false
   * when a block of that name exists already (the request keeps its own copy unnamed).
   */
  boolean name(long hash) {
    if (refs.containsKey(hash)) {
      return false;
    }
    refs.put(hash, 1);
    return true;
  }

  /** Frees a request's blocks: {@code unnamed} of its own, and its named ones, last to first. */
  void free(long[] hashes, int namedCount, int unnamed) {
    used -= unnamed;
    for (int i = namedCount - 1; i >= 0; i--) {
      long left = refs.get(hashes[i]) - 1;
      refs.put(hashes[i], left);
      if (left == 0) {
        used--;
        evictable.touch(hashes[i]);
      }
    }
  }
}
