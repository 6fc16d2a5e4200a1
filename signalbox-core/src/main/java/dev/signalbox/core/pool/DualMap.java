package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.List;

/**
 * DualMap (Yuan et al., "DualMap: Enabling Both Cache Affinity and Load Balancing for Distributed
 * LLM Serving", ICLR 2026), as reconstructed in algorithms.md §4. A prompt's leading blocks hash
 * on two independent consistent-hash rings to two candidate replicas, so requests sharing a
 * prefix always meet the same pair and distinct prefixes spread by the power of two choices. The
 * candidate with more of the prompt cached is preferred unless its estimated time to first token
 * breaks the SLO; then the one with the lower estimate is taken. {@link HotspotRebalancer} moves
 * prefix groups off overloaded replicas to their other candidate. Each ring remaps only the arcs
 * next to a replica that joins or leaves.
 */
final class DualMap implements PoolStrategy {
  private final ReplicaView view;
  private final HashRing first;
  private final HashRing second;
  private final HotspotRebalancer rebalancer;
  private final LastPicks<Choice> picked = new LastPicks<>();

  /** What a pick would record: the placement, and the prefix group's key and other candidate for the rebalancer. */
  private record Choice(ReplicaView.Placement placement, long key, int otherMember, boolean onFirst) {}

  DualMap(SloAwareSettings settings, PoolContext context) {
    long seed = context.seed();
    this.view = new ReplicaView(settings, context);
    this.first = new HashRing(seed);
    this.second = new HashRing(~seed * 0x9e3779b97f4a7c15L);
    this.rebalancer = new HotspotRebalancer(view);
  }

  @Override
  public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    Pick all = view.begin(candidates);
    PrefixBlocks prompt = request.prefixBlocks();
    long key = prompt.key(view.settings().hashPrefixBlocks());
    int a = first.first(key, all, view.members(), i -> true);
    int b = candidates.size() == 1 ? a : second.first(key, all, view.members(), i -> i != a);
    int[] pair = {a, b};
    int[] matched = view.matched(all, prompt);
    int[] uncached = new int[2];
    double[] ttft = new double[2];
    for (int k = 0; k < 2; k++) {
      uncached[k] = ReplicaView.uncached(prompt, matched[pair[k]]);
      ttft[k] = view.ttftMs(all, pair[k], uncached[k]);
    }
    int affine = rebalancer.moved(key) || matched[b] > matched[a] ? 1 : 0;
    int chosen = ttft[affine] <= view.settings().ttftSloMs() ? affine : (ttft[1] < ttft[0] ? 1 : 0);
    Endpoint e = candidates.get(pair[chosen]);
    picked.remember(request, e, new Choice(new ReplicaView.Placement(all, pair[chosen], uncached[chosen]), key,
        all.member[pair[1 - chosen]], chosen == 0));
    return e;
  }

  /** Records the placement; one that no pick here prepared is recorded in the view, without a rebalancer's note. */
  @Override
  public synchronized void placed(Endpoint chosen, RouteRequest request) {
    Choice c = picked.take(request, chosen);
    view.record(c == null ? null : c.placement(), chosen, request.prefixBlocks());
    if (c != null) {
      Pick all = c.placement().pick();
      rebalancer.placed(c.key(), all.member[c.placement().chosen()], c.otherMember(), c.onFirst());
      rebalancer.maybeRebalance(all);
    }
  }
}
