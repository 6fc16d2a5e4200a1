package dev.signalbox.learn.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.routing.Outcome;

/**
 * What an online router maximises for one answer: {@code (1 − λ)·quality − λ·cost/costScale −
 * latencyPenalty·seconds} (GreenServ's accuracy–cost trade-off with cost normalised by a scale,
 * arXiv 2601.17551; routing-metrics.md §3). A failure counts as quality 0; an unknown cost or
 * latency as 0.
 *
 * @param lambda the weight of cost against quality, in [0, 1]
 * @param costScale the cost, in USD, that weighs a full point (the dearest model's typical call),
 *     when fixed
 * @param latencyPenalty reward points lost per second of latency (0: latency does not count)
 * @param observed the scale learned from traffic instead ({@link ObservedScale}), or null when fixed
 */
public record Reward(double lambda, double costScale, double latencyPenalty, ObservedScale observed) {

  public Reward {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
    }
    if (observed == null && !(costScale > 0)) {
      throw new IllegalArgumentException("cost scale must be positive, got " + costScale);
    }
    if (!(latencyPenalty >= 0)) {
      throw new IllegalArgumentException("latency penalty must not be negative, got " + latencyPenalty);
    }
  }

  /** A reward with a fixed cost scale. */
  public Reward(double lambda, double costScale, double latencyPenalty) {
    this(lambda, costScale, latencyPenalty, null);
  }

  /** A reward whose cost scale follows the route's measured requests. */
  public static Reward observed(double lambda, double latencyPenalty, ObservedScale scale) {
    return new Reward(lambda, Double.NaN, latencyPenalty, scale);
  }

  /** The cost, in USD, that weighs a full point now. */
  @Override
  public double costScale() {
    return observed == null ? costScale : observed.usd();
  }

  /** Lets an observed scale count a finished request's tokens (a fixed scale ignores it). */
  public void observe(Outcome o) {
    if (observed != null && !o.failed() && o.promptTokens() >= 0 && o.completionTokens() >= 0) {
      observed.observe(o.promptTokens(), o.completionTokens());
    }
  }

  /** The reward of an answer of this quality, cost and latency. */
  public double of(double quality, double costUsd, double latencyMs) {
    double cost = Double.isNaN(costUsd) ? 0 : costUsd;
    double seconds = Double.isNaN(latencyMs) ? 0 : latencyMs / 1000;
    return (1 - lambda) * quality - lambda * cost / costScale() - latencyPenalty * seconds;
  }

  /** The reward of a complete outcome. */
  public double of(Outcome o) {
    return of(o.creditedQuality(), o.costUsd(), o.latencyMs());
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("lambda", lambda);
    n.put("cost_scale", costScale());
    n.put("latency_penalty", latencyPenalty);
    if (observed != null) {
      n.set("observed_scale", observed.toJson());
    }
    return n;
  }

  public static Reward fromJson(JsonNode n) {
    double lambda = n.get("lambda").asDouble();
    double latency = n.path("latency_penalty").asDouble(0);
    return n.has("observed_scale") ? observed(lambda, latency, ObservedScale.fromJson(n.get("observed_scale")))
        : new Reward(lambda, n.get("cost_scale").asDouble(), latency);
  }
}
