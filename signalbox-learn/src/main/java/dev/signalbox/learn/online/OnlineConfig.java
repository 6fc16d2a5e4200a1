package dev.signalbox.learn.online;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.core.signal.Embedders;
import dev.signalbox.learn.features.ContextFeatures;
import dev.signalbox.learn.features.HeuristicTasks;
import java.util.ArrayList;
import java.util.List;

/**
 * The route settings every online policy shares, read with their paths so that a bad value names
 * its key:
 *
 * <pre>
 * models: [a, b, c]          # default: every catalog model that serves chat
 * lambda: 0.1                # reward = (1 − λ)·quality − λ·cost/cost_scale − latency_penalty·seconds
 * cost_scale: 0.0075         # USD; default: the dearest model's price for the route's mean measured request
 * latency_penalty: 0         # reward lost per second of latency
 * features: [task]           # task, cluster, complexity (a bias is always there)
 * clusters: 3                # k of the online k-means
 * complexity_bins: [20, 30]  # Flesch difficulty thresholds
 * implicit_quality: 1.0      # quality of an answered request nobody scores (default: wait for feedback)
 * pending: 100000            # decisions kept waiting for their outcome
 * async_updates: true        # learn on a background writer (false: on the caller's thread)
 * seed: 7                    # reproducible draws (default: per-thread random)
 * </pre>
 */
public final class OnlineConfig {
  /** The keys read here; each policy adds its own. */
  public static final Keys KEYS = Keys.of("an online policy: learns from the outcomes of its own decisions")
      .key("models", "list of model names", "(every model that serves chat)", "the models it chooses among")
      .key("lambda", "number 0..1", 0.1,
          "reward = (1 - lambda) * quality - lambda * cost / cost_scale - latency_penalty * seconds")
      .key("cost_scale", "USD > 0", "(what the dearest model charges for the route's mean measured request)",
          "the cost that counts as 1 in the reward")
      .key("latency_penalty", "number >= 0", 0, "reward lost per second of latency")
      .key("features", "list of task | cluster | complexity", "[task]",
          "what it knows of a prompt (a bias is always there)")
      .key("clusters", "integer 1..64", 3, "k of the online k-means (feature cluster)")
      .key("complexity_bins", "increasing list of numbers", "[20, 30]",
          "Flesch difficulty thresholds (feature complexity)")
      .key("implicit_quality", "number 0..1", "(none: wait for feedback)",
          "the quality of an answered request nobody scores")
      .key("pending", "integer >= 1", 100_000, "decisions kept waiting for their outcome")
      .key("async_updates", "boolean", true, "learn on a background writer (false: on the caller's thread)")
      .key("seed", "integer", "(random per thread)", "makes its draws reproducible");

  private OnlineConfig() {}

  /** The models a route chooses among. */
  public static List<String> models(ConfigNode n, Catalog catalog) {
    List<String> models = new ArrayList<>();
    if (n.has("models")) {
      for (ConfigNode m : n.list("models")) {
        String name = Routers.knownModel(m, catalog);
        if (models.contains(name)) {
          throw m.problem("'" + name + "' is listed twice");
        }
        models.add(name);
      }
    } else {
      catalog.all().stream().filter(s -> s.serves(Operation.CHAT)).forEach(s -> models.add(s.name()));
    }
    if (models.isEmpty()) {
      throw n.get("models").problem("an online policy needs at least one model");
    }
    return models;
  }

  /** The shared setup of a route's online policy. */
  public static OnlineRouter.Setup setup(RouteConfig route, Catalog catalog, List<String> models) {
    ConfigNode n = route.settings();
    double lambda = n.get("lambda").check(n.number("lambda", 0.1), l -> l >= 0 && l <= 1, "must be in [0, 1]");
    double latencyPenalty = n.get("latency_penalty").check(n.number("latency_penalty", 0), p -> p >= 0, "must not be negative");
    Reward reward = n.has("cost_scale")
        ? new Reward(lambda, n.get("cost_scale").check(n.number("cost_scale"), c -> c > 0, "must be positive"), latencyPenalty)
        : Reward.observed(lambda, latencyPenalty, ObservedScale.of(models.stream().map(catalog::get).toList()));
    List<ContextFeatures.Block> blocks = new ArrayList<>();
    for (String f : n.has("features") ? n.strings("features") : List.of("task")) {
      try {
        blocks.add(ContextFeatures.Block.parse(f));
      } catch (IllegalArgumentException e) {
        throw n.get("features").problem(e.getMessage());
      }
    }
    int clusters = n.get("clusters").check(n.integer("clusters", 3), k -> k >= 1 && k <= 64, "must be 1..64");
    double[] bins = {20, 30};
    if (n.has("complexity_bins")) {
      List<ConfigNode> items = n.list("complexity_bins");
      bins = new double[items.size()];
      for (int i = 0; i < bins.length; i++) {
        bins[i] = items.get(i).asDouble();
        if (i > 0 && bins[i] <= bins[i - 1]) {
          throw items.get(i).problem("thresholds must increase");
        }
      }
    }
    double implicit = n.has("implicit_quality")
        ? n.get("implicit_quality").check(n.number("implicit_quality"), q -> q >= 0 && q <= 1, "must be in [0, 1]")
        : Double.NaN;
    int pending = n.get("pending").check(n.integer("pending", 100_000), p -> p >= 1, "must be positive");
    Draws draws = n.has("seed") ? Draws.seeded(n.longValue("seed", 0)) : Draws.perThread();
    return new OnlineRouter.Setup(route.policy(), new ContextFeatures(blocks, new HeuristicTasks(), clusters, bins),
        reward, pending, implicit, n.bool("async_updates", true),
        () -> Embedders.byId(Embedders.MINILM), draws);
  }
}
