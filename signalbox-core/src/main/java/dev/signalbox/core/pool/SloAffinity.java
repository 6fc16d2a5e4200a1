package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Signalbox's cache-affinity rule: follow the prompt's cached prefix unless its holders are hot,
 * and place what is cold by consistent hashing with bounded loads.
 *
 * <ol>
 *   <li>If some replicas hold a prefix of the prompt worth following (its first {@code
 *       hash_prefix_blocks} blocks, or half the prompt), take the least loaded of those holding
 *       the longest one, unless it is hot: more requests than {@code 1.25 ×} the mean plus 2, or
 *       an estimated prefill queue past half the SLO.
 *   <li>Otherwise take the prompt's consistent-hash home (by its first blocks), or the next
 *       replica clockwise whose load is within {@code 1.25 ×} the average (Mirrokni et al.'s
 *       bound) and whose prefill queue is within half the SLO; so prompts sharing a prefix meet,
 *       and cold ones spread, the same way on every gateway.
 *   <li>When no replica qualifies, take the lowest estimated time to first token, counting the
 *       wait for a batch slot that replicas' reported queues imply.
 * </ol>
 *
 * <p>Unlike SGLang's router, a hot replica sheds only its own prefixes' requests, not whichever
 * request arrives next, and a prompt follows a partial match below half its length; unlike
 * DualMap, a hot prefix may spread past two replicas. Affinity yields to load, not to the queue
 * wait estimated from lagging metrics: in the bench, spilling on that estimate turned requests
 * that would have met the SLO into cache misses, which cost more capacity than the wait saved.
 */
final class SloAffinity implements PoolStrategy {
  /** Share of the SLO a replica's prefill queue may reach and still take cached work. */
  static final double HEADROOM = 0.5;
  /** A holder is hot beyond {@code BALANCE × mean + SLACK} requests. */
  static final double BALANCE = 1.25;
  static final double SLACK = 2;

  private final ReplicaView view;
  private final HashRing ring;

  SloAffinity(SloAwareSettings settings, PoolContext context) {
    this.view = new ReplicaView(settings, context);
    this.ring = new HashRing(context.seed());
  }

  @Override
  public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    Pick pick = view.begin(candidates);
    PrefixBlocks prompt = request.prefixBlocks();
    int n = pick.size();
    int[] matched = view.matched(pick, prompt);
    int[] load = view.requests(pick);
    int deepest = 0;
    for (int m : matched) {
      deepest = Math.max(deepest, m);
    }
    // prefill estimates only for the replicas considered: usually the few holding the prefix
    double[] prefill = new double[n];
    Arrays.fill(prefill, Double.NaN);
    IntToDoubleFunction prefillMs = i -> Double.isNaN(prefill[i])
        ? (prefill[i] = view.prefillMs(pick, i, ReplicaView.uncached(prompt, matched[i]))) : prefill[i];
    double safe = HEADROOM * view.settings().ttftSloMs();
    double hot = ReplicaView.hotThreshold(load);
    int worth = Math.max(1, Math.min(view.settings().hashPrefixBlocks(), (prompt.size() + 1) / 2));
    int chosen = -1;
    if (deepest >= worth) {
      for (int i = 0; i < n; i++) {
        if (matched[i] == deepest && load[i] <= hot && (chosen < 0 || load[i] < load[chosen])
            && prefillMs.applyAsDouble(i) <= safe) {
          chosen = i;
        }
      }
    }
    if (chosen < 0) {
      double bound = ReplicaView.loadBound(load, BALANCE);
      long key = prompt.key(view.settings().hashPrefixBlocks());
      chosen = ring.first(key, pick, view.members(), i -> load[i] + 1 <= bound && prefillMs.applyAsDouble(i) <= safe);
    }
    if (chosen < 0) {
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double ttft = view.ttftMs(pick, i, ReplicaView.uncached(prompt, matched[i]));
        if (ttft < best) {
          best = ttft;
          chosen = i;
        }
      }
    }
    view.chose(pick, chosen, request, ReplicaView.uncached(prompt, matched[chosen]));
    return candidates.get(chosen);
  }

  @Override
  public synchronized void placed(Endpoint chosen, RouteRequest request) {
    view.placed(chosen, request);
  }
}
