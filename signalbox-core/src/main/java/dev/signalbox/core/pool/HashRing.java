package dev.signalbox.core.pool;

import dev.signalbox.core.hash.StableHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A consistent-hash ring with virtual nodes (Karger et al., 1997) over every endpoint it has
 * seen. Endpoints that are not candidates for a request are skipped, so an endpoint leaving hands
 * only its own arcs to its successors, and one joining takes only the arcs next to its points.
 * Points are placed by endpoint id, so every gateway builds the same ring. Not thread-safe.
 */
final class HashRing {
  /** Points per endpoint, as ketama uses. */
  static final int VIRTUAL_NODES = 160;

  private final long seed;
  private final Map<Endpoint, Integer> memberIndex = new IdentityHashMap<>();
  private final List<Endpoint> members = new ArrayList<>();
  private long[] points = new long[0];
  private int[] owners = new int[0];

  HashRing(long seed) {
    this.seed = seed;
  }

  /**
   * Maps each member to its position among {@code candidates} (-1: not a candidate), adding
   * candidates not seen before to the ring.
   */
  int[] positions(List<Endpoint> candidates) {
    boolean grew = false;
    for (Endpoint e : candidates) {
      if (!memberIndex.containsKey(e)) {
        memberIndex.put(e, members.size());
        members.add(e);
        grew = true;
      }
    }
    if (grew) {
      rebuild();
    }
    int[] position = new int[members.size()];
    Arrays.fill(position, -1);
    for (int i = 0; i < candidates.size(); i++) {
      position[memberIndex.get(candidates.get(i))] = i;
    }
    return position;
  }

  /**
   * Walks clockwise from {@code key} and returns the position of the first candidate that
   * {@code accept}s, or -1 after a full turn.
   */
  int first(long key, int[] position, IntPredicate accept) {
    if (points.length == 0) {
      return -1;
    }
    int start = Arrays.binarySearch(points, StableHash.mix(key ^ seed));
    if (start < 0) {
      start = -start - 1;
    }
    for (int k = 0; k < points.length; k++) {
      int pos = position[owners[(start + k) % points.length]];
      if (pos >= 0 && accept.test(pos)) {
        return pos;
      }
    }
    return -1;
  }

  private void rebuild() {
    int n = members.size() * VIRTUAL_NODES;
    long[] keyed = new long[n];
    long[] unsorted = new long[n];
    for (int m = 0; m < members.size(); m++) {
      long id = StableHash.of(members.get(m).id());
      for (int v = 0; v < VIRTUAL_NODES; v++) {
        unsorted[m * VIRTUAL_NODES + v] = StableHash.mix(seed ^ StableHash.mix(id + 0x9e3779b97f4a7c15L * (v + 1)));
      }
    }
    // sort points, keeping owners alongside: sort indices by point
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(unsorted[a], unsorted[b]));
    int[] owned = new int[n];
    for (int i = 0; i < n; i++) {
      keyed[i] = unsorted[order[i]];
      owned[i] = order[i] / VIRTUAL_NODES;
    }
    points = keyed;
    owners = owned;
  }
}
