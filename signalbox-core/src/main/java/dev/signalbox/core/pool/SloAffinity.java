package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.List;

/**
 * Signalbox's cache-affinity rule: among the replicas whose estimated time to first token leaves
 * half the SLO as headroom, take the one holding the longest prefix of the prompt (ties: the
 * lower estimate); when none does, take the lowest estimate. Affinity saves prefill work, which is
 * capacity, so it wins while it is safe; the headroom absorbs the estimate's error and bursts. A
 * hot prefix stays on one replica until that replica's queue reaches the headroom and then
 * spreads to the next, as llm-d's SLO-headroom filter before its prefix scorer, and unlike
 * DualMap it is not confined to two candidates, nor, unlike hashing, to a fixed prefix length.
 */
final class SloAffinity implements PoolStrategy {
  /** The share of the SLO an estimate may use and still count as safe. */
  static final double HEADROOM = 0.5;

  private final ReplicaView view;

  SloAffinity(ReplicaView view) {
    this.view = view;
  }

  @Override
  public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    PrefixBlocks prompt = request.prefixBlocks();
    int[] matched = view.matched(prompt, candidates);
    double safe = HEADROOM * view.settings().ttftSloMs();
    int fastest = 0;
    int chosen = -1;
    double[] ttft = new double[candidates.size()];
    for (int i = 0; i < ttft.length; i++) {
      ttft[i] = view.ttftMs(candidates.get(i), ReplicaView.uncached(prompt, matched[i]));
      if (ttft[i] < ttft[fastest]) {
        fastest = i;
      }
      if (ttft[i] <= safe && (chosen < 0 || matched[i] > matched[chosen]
          || (matched[i] == matched[chosen] && ttft[i] < ttft[chosen]))) {
        chosen = i;
      }
    }
    if (chosen < 0) {
      chosen = fastest;
    }
    Endpoint e = candidates.get(chosen);
    view.sent(prompt, e, ReplicaView.uncached(prompt, matched[chosen]));
    return e;
  }
}
