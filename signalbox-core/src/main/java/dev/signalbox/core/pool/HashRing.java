package dev.signalbox.core.pool;

import dev.signalbox.core.hash.StableHash;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A consistent-hash ring with virtual nodes (Karger et al., 1997) over every replica its
 * {@link ReplicaView} has seen. Replicas that are not candidates for a request are skipped, so a
 * replica leaving hands only its own arcs to its successors, and one joining takes only the arcs
 * next to its points. Points are placed by endpoint id, so every gateway builds the same ring.
 * Not thread-safe.
 */
final class HashRing {
  /** Points per replica, as ketama uses. */
  static final int VIRTUAL_NODES = 160;

  private final long seed;
  private int size;
  private long[] points = new long[0];
  private int[] owners = new int[0];

  HashRing(long seed) {
    this.seed = seed;
  }

  /**
   * Walks clockwise from {@code key} and returns the position among the pick's candidates of the
   * first that {@code accept}s, or -1 after a full turn.
   */
  int first(long key, Pick pick, List<Endpoint> members, IntPredicate accept) {
    if (members.size() != size) {
      rebuild(members);
    }
    if (points.length == 0) {
      return -1;
    }
    int start = Arrays.binarySearch(points, StableHash.mix(key ^ seed));
    if (start < 0) {
      start = -start - 1;
    }
    for (int k = 0; k < points.length; k++) {
      int owner = owners[(start + k) % points.length];
      int pos = owner < pick.position.length ? pick.position[owner] : -1;
      if (pos >= 0 && accept.test(pos)) {
        return pos;
      }
    }
    return -1;
  }

  private void rebuild(List<Endpoint> members) {
    size = members.size();
    int n = size * VIRTUAL_NODES;
    long[] point = new long[n];
    for (int m = 0; m < size; m++) {
      long id = StableHash.of(members.get(m).id());
      for (int v = 0; v < VIRTUAL_NODES; v++) {
        point[m * VIRTUAL_NODES + v] = StableHash.mix(seed ^ StableHash.mix(id + 0x9e3779b97f4a7c15L * (v + 1)));
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(point[a], point[b]));
    points = new long[n];
    owners = new int[n];
    for (int i = 0; i < n; i++) {
      points[i] = point[order[i]];
      owners[i] = order[i] / VIRTUAL_NODES;
    }
  }
}
