package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A capacity-aware balancer with a congestion price per replica, in the style of BIP-based
 * balancing (Sun, arXiv 2502.15451; algorithms.md §13b): a request goes to
 * {@code argmax (cached share of its prompt − price)}, the cached share being production-stack's
 * unit-free {@code matched / prompt}. Each replica's price is a dual variable for its capacity: it
 * rises while the replica is over capacity and falls, down to zero, while it is under, {@code q ←
 * max(0, q + η·Δt·(use − 1))}, where use is the larger of its prefill queue over half the SLO and
 * its requests over {@code 1.25 ×} the mean plus 2. Prices persist across requests, so a
 * burst on a hot prefix raises its replica's price until the prefix's requests find it cheaper to
 * go elsewhere, and the price falls back once the burst is served. Ties (a cold prompt on
 * unpriced replicas) go to the first tied replica clockwise from the prompt on a hash ring, so
 * cold prompts spread.
 */
final class CongestionPrice implements PoolStrategy {
  /** Price change per second at twice capacity: one whole prompt's worth of affinity. */
  static final double STEP_PER_SECOND = 1.0;
  static final double BUDGET_SHARE = 0.5;

  private final ReplicaView view;
  private final HashRing ring;
  private final Map<Endpoint, Price> prices = new IdentityHashMap<>();

  private static final class Price {
    double value;
    long at;
  }

  CongestionPrice(ReplicaView view, long seed) {
    this.view = view;
    this.ring = new HashRing(seed);
  }

  @Override
  public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    PrefixBlocks prompt = request.prefixBlocks();
    int[] matched = view.matched(prompt, candidates);
    double budget = BUDGET_SHARE * view.settings().ttftSloMs();
    long now = view.now();
    int[] load = view.requests(candidates);
    double capacity = ReplicaView.hotThreshold(load);
    double[] score = new double[candidates.size()];
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < score.length; i++) {
      Endpoint e = candidates.get(i);
      double used = Math.max(view.prefillMs(e, 0) / budget, load[i] / capacity);
      double price = updatePrice(e, used, now);
      score[i] = prompt.tokensIn(matched[i]) / (double) Math.max(1, prompt.promptTokens()) - price;
      best = Math.max(best, score[i]);
    }
    double top = best - 1e-9;
    long key = prompt.key(view.settings().hashPrefixBlocks());
    int chosen = Math.max(0, ring.first(key, ring.positions(candidates), i -> score[i] >= top));
    Endpoint e = candidates.get(chosen);
    view.sent(prompt, e, ReplicaView.uncached(prompt, matched[chosen]));
    return e;
  }

  /** Moves a replica's price by the time since its last update, at its current queue-to-budget ratio. */
  private double updatePrice(Endpoint e, double load, long now) {
    Price p = prices.get(e);
    if (p == null) {
      p = new Price();
      p.at = now;
      prices.put(e, p);
    }
    p.value = Math.max(0, p.value + STEP_PER_SECOND * (now - p.at) / 1e9 * (load - 1));
    p.at = now;
    return p.value;
  }
}
