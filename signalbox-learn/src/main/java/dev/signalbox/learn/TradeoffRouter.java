package dev.signalbox.learn;

import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.learn.cost.CostModel;
import dev.signalbox.learn.quality.QualityModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A learned prompt-level router: it predicts every model's quality and cost from the prompt's
 * embedding and picks {@code argmax q̂ − λ·ĉ/s} ({@link Knob}); RouterBench's WTP router and
 * CARROT's {@code (1−λ)·Ŷ − λ·Ĉ} are this rule with another scale of λ. Without an embedding (it
 * timed out) it answers with its fallback model and says so.
 */
public final class TradeoffRouter implements Router {
  private final String policy;
  private final List<String> models;
  private final Embedder embedder;
  private final QualityModel quality;
  private final CostModel cost;
  private final double costScale;
  private final double lambda;
  private final String fallback;

  /**
   * @param policy the name in traces
   * @param models the model names decisions use, in the predictors' column order
   * @param embedder the embedder the predictors were trained on
   * @param costScale the dearest model's mean cost per training prompt, in the dollars of {@code cost} (λ's unit)
   * @param lambda the trade-off knob
   * @param fallback the model used when the prompt has no embedding
   */
  public TradeoffRouter(String policy, List<String> models, Embedder embedder, QualityModel quality, CostModel cost,
      double costScale, double lambda, String fallback) {
    this.policy = policy;
    this.models = List.copyOf(models);
    this.embedder = embedder;
    this.quality = quality;
    this.cost = cost;
    this.costScale = costScale > 0 ? costScale : 1;
    this.lambda = lambda;
    this.fallback = fallback;
  }

  /** The same router with another knob setting. */
  public TradeoffRouter withLambda(double newLambda) {
    return new TradeoffRouter(policy, models, embedder, quality, cost, costScale, newLambda, fallback);
  }

  public double lambda() {
    return lambda;
  }

  public List<String> models() {
    return models;
  }

  @Override
  public Optional<Embedder> embedder() {
    return Optional.of(embedder);
  }

  /** What the router predicts for a prompt: per model quality and cost. */
  public record Estimate(double[] quality, double[] cost) {}

  public Estimate estimate(Features x) {
    return new Estimate(quality.predict(x), cost.predict(x));
  }

  /** {@link #estimate} for many prompts at once (the same estimates, computed together). */
  public Estimate[] estimateAll(Features[] xs) {
    double[][] q = quality.predictAll(xs);
    Estimate[] out = new Estimate[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = new Estimate(q[i], cost.predict(xs[i]));
    }
    return out;
  }

  /** The model index this router picks for an estimate at a knob setting (what {@link #route} uses). */
  public int choose(Estimate e, double knob) {
    return Knob.choose(e.quality(), e.cost(), costScale, knob);
  }

  @Override
  public Decision route(RouteRequest request, Signals signals) {
    if (!signals.hasEmbedding()) {
      return new Decision(fallback, new Trace(policy, "no prompt embedding; fallback model " + fallback,
          List.of(new Trace.Alternative("fallback", fallback, 0, "used without an embedding"))));
    }
    Estimate e = estimate(Features.of(signals));
    int pick = choose(e, lambda);
    List<Trace.Alternative> alternatives = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      double score = e.quality()[m] - lambda * e.cost()[m] / costScale;
      alternatives.add(new Trace.Alternative(models.get(m), models.get(m), score,
          String.format(Locale.ROOT, "%spredicted quality %.3f, cost $%.6f %s", m == pick ? "chosen: " : "",
              e.quality()[m], e.cost()[m], cost.basis(m))));
    }
    alternatives.sort(Comparator.comparingDouble(Trace.Alternative::score).reversed());
    String reason = String.format(Locale.ROOT, "best predicted quality minus λ·cost (λ=%.4g): %s", lambda, models.get(pick));
    return new Decision(models.get(pick), new Trace(policy, reason, alternatives));
  }
}
