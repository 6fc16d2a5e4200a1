package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.List;

/**
 * Signalbox's cache-affinity rule (draft under measurement).
 */
final class SloAffinity implements PoolStrategy {
  static final double HEADROOM = Double.parseDouble(System.getProperty("sb.headroom", "0.5"));
  static final double BALANCE = Double.parseDouble(System.getProperty("sb.balance", "1.25"));
  static final double SLACK = Double.parseDouble(System.getProperty("sb.slack", "2"));
  static final double COLD = Double.parseDouble(System.getProperty("sb.cold", "1.25"));

  private final ReplicaView view;
  private final HashRing ring;

  SloAffinity(ReplicaView view, long seed) {
    this.view = view;
    this.ring = new HashRing(seed);
  }

  @Override
  public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    PrefixBlocks prompt = request.prefixBlocks();
    int n = candidates.size();
    int[] matched = view.matched(prompt, candidates);
    int[] load = view.requests(candidates);
    double mean = 0;
    for (int l : load) {
      mean += l / (double) n;
    }
    double safe = HEADROOM * view.settings().ttftSloMs();
    int worth = Math.max(1, Math.min(view.settings().hashPrefixBlocks(), (prompt.size() + 1) / 2));
    double[] ttft = new double[n];
    int deepest = 0;
    for (int i = 0; i < n; i++) {
      ttft[i] = view.ttftMs(candidates.get(i), ReplicaView.uncached(prompt, matched[i]));
      deepest = Math.max(deepest, matched[i]);
    }
    int chosen = -1;
    double hot = BALANCE * mean + SLACK;
    if (deepest >= worth) {
      // the least loaded of the replicas holding the longest prefix, unless they are all hot
      for (int i = 0; i < n; i++) {
        if (matched[i] == deepest && ttft[i] <= safe && load[i] <= hot
            && (chosen < 0 || load[i] < load[chosen])) {
          chosen = i;
        }
      }
    }
    if (chosen < 0) {
      double bound = ReplicaView.loadBound(load, COLD);
      long key = prompt.key(view.settings().hashPrefixBlocks());
      chosen = ring.first(key, ring.positions(candidates), i -> load[i] + 1 <= bound && ttft[i] <= safe);
    }
    if (chosen < 0) {
      chosen = 0;
      for (int i = 1; i < n; i++) {
        if (ttft[i] < ttft[chosen]) {
          chosen = i;
        }
      }
    }
    Endpoint e = candidates.get(chosen);
    view.sent(prompt, e, ReplicaView.uncached(prompt, matched[chosen]));
    return e;
  }
}
