package dev.signalbox.core.pool;

import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.Arrays;
import java.util.List;

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
  /** Each replica's price, by number, and when it last moved. */
  private double[] price = new double[0];
  private long[] pricedAt = new long[0];

  CongestionPrice(SloAwareSettings settings, PoolContext context) {
    this.view = new ReplicaView(settings, context);
    this.ring = new HashRing(context.seed());
  }

  @Override
  public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
    Pick pick = view.begin(candidates);
    PrefixBlocks prompt = request.prefixBlocks();
    int[] matched = view.matched(pick, prompt);
    double budget = BUDGET_SHARE * view.settings().ttftSloMs();
    int[] load = view.requests(pick);
    double capacity = ReplicaView.hotThreshold(load);
    double[] score = new double[pick.size()];
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < score.length; i++) {
      double used = Math.max(view.prefillMs(pick, i, 0) / budget, load[i] / capacity);
      score[i] = prompt.tokensIn(matched[i]) / (double) Math.max(1, prompt.promptTokens())
          - updatePrice(pick.member[i], used, pick.now);
      best = Math.max(best, score[i]);
    }
    double top = best - 1e-9;
    long key = prompt.key(view.settings().hashPrefixBlocks());
    int chosen = Math.max(0, ring.first(key, pick, view.members(), i -> score[i] >= top));
    view.chose(pick, chosen, request, ReplicaView.uncached(prompt, matched[chosen]));
    return candidates.get(chosen);
  }

  @Override
  public synchronized void placed(Endpoint chosen, RouteRequest request) {
    view.placed(chosen, request);
  }

  /** Moves replica {@code m}'s price by the time since its last move, at its current use of capacity. */
  private double updatePrice(int m, double use, long now) {
    if (m >= price.length) {
      int from = price.length;
      price = Arrays.copyOf(price, Math.max(m + 1, from * 2));
      pricedAt = Arrays.copyOf(pricedAt, price.length);
      Arrays.fill(pricedAt, from, price.length, now);
    }
    price[m] = Math.max(0, price[m] + STEP_PER_SECOND * (now - pricedAt[m]) / 1e9 * (use - 1));
    pricedAt[m] = now;
    return price[m];
  }
}
