package dev.signalbox.core.pool;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DualMap's hotspot-aware rebalancing, adapted to a gateway that forwards each request at once and
 * so holds no queue to migrate from (the replica owns its queue): once a second, a replica whose
 * prefill queue is over {@code 1.5 ×} the mean and over half the SLO hands up to half of the prefix
 * groups it recently took on their first candidate to their second candidate, when that one is
 * below the mean. A group moves at most once and only within its pair, as in the paper; later
 * requests of the group follow it, so the move warms the other candidate's cache.
 */
final class HotspotRebalancer {
  static final long INTERVAL_NANOS = 1_000_000_000L;
  static final double HOT = 1.5;
  /** Recent first-candidate placements remembered per replica. */
  static final int RECENT = 32;
  /** Moved groups remembered, the oldest forgotten first. */
  static final int MOVED = 1 << 16;

  private final ReplicaView view;
  /** Recent placements on each replica (by number) that went to a group's first candidate. */
  private final Map<Integer, ArrayDeque<Placement>> recent = new HashMap<>();
  private final Map<Long, Boolean> moved = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > MOVED;
    }
  };
  private long lastRun = Long.MIN_VALUE;

  /** A group placed on its first candidate, whose second candidate is replica {@code other}. */
  private record Placement(long key, int other) {}

  HotspotRebalancer(ReplicaView view) {
    this.view = view;
  }

  /** Whether the group of {@code key} now lives on its second candidate. */
  boolean moved(long key) {
    return moved.containsKey(key);
  }

  /** Notes a placement of a group on replica {@code on}, with {@code other} its other candidate. */
  void placed(long key, int on, int other, boolean onFirst) {
    if (!onFirst || other == on) {
      return;
    }
    ArrayDeque<Placement> q = recent.computeIfAbsent(on, x -> new ArrayDeque<>());
    if (q.size() == RECENT) {
      q.pollFirst();
    }
    q.addLast(new Placement(key, other));
  }

  /** Moves groups off hot replicas among the pick's candidates, at most once per interval. */
  void maybeRebalance(Pick pick) {
    if (lastRun != Long.MIN_VALUE && pick.now - lastRun < INTERVAL_NANOS) {
      return;
    }
    lastRun = pick.now;
    double mean = 0;
    double[] queue = new double[pick.size()];
    for (int i = 0; i < queue.length; i++) {
      queue[i] = view.queueMs(pick, i);
      mean += queue[i] / queue.length;
    }
    for (int i = 0; i < queue.length; i++) {
      if (queue[i] <= HOT * mean || queue[i] <= view.settings().ttftSloMs() / 2) {
        continue;
      }
      ArrayDeque<Placement> q = recent.get(pick.member[i]);
      int budget = q == null ? 0 : q.size() / 2;
      while (budget-- > 0) {
        Placement p = q.pollLast();
        int other = p.other() < pick.position.length ? pick.position[p.other()] : -1;
        if (!moved.containsKey(p.key()) && other >= 0 && queue[other] < mean) {
          moved.put(p.key(), Boolean.TRUE);
        }
      }
    }
  }
}
