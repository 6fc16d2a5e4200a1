package dev.signalbox.core.pool;

import java.util.Arrays;
import java.util.List;

/**
 * One pick's candidates as the strategy's {@link ReplicaView} numbers them, and the time, read
 * once. The numbering is cached while the candidate list stays the same, so a pick among a
 * thousand replicas costs a thousand reference comparisons, not a thousand map lookups.
 */
final class Pick {
  final List<Endpoint> candidates;
  /** The member number of each candidate. */
  final int[] member;
  /** The position among the candidates of each member, or -1. */
  final int[] position;
  final long now;

  Pick(List<Endpoint> candidates, int[] member, int[] position, long now) {
    this.candidates = candidates;
    this.member = member;
    this.position = position;
    this.now = now;
  }

  int size() {
    return member.length;
  }

  Endpoint endpoint(int i) {
    return candidates.get(i);
  }

  /** The same candidates at another time. */
  Pick at(long time) {
    return new Pick(candidates, member, position, time);
  }

  /** Whether {@code others} holds the same endpoints in the same order. */
  boolean sameCandidates(List<Endpoint> others) {
    if (others.size() != member.length) {
      return false;
    }
    for (int i = 0; i < member.length; i++) {
      if (others.get(i) != candidates.get(i)) {
        return false;
      }
    }
    return true;
  }

  static int[] positions(int[] member, int members) {
    int[] position = new int[members];
    Arrays.fill(position, -1);
    for (int i = 0; i < member.length; i++) {
      position[member[i]] = i;
    }
    return position;
  }
}
