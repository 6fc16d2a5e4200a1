package dev.signalbox.learn.bandit;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RouterProvider;
import dev.signalbox.learn.online.OnlineConfig;
import java.util.List;

/**
 * The bandit policies {@code linucb}, {@code thompson} and {@code epsilon-greedy}: the settings
 * every online policy has ({@link OnlineConfig}) plus the rule's own, defaulting to the Signalbox
 * configurations that docs/BENCHMARKS.md measures ({@link BanditSettings#signalbox}):
 *
 * <pre>
 * - name: adaptive
 *   policy: linucb                 # or thompson, epsilon-greedy
 *   alpha: 0.1                     # linucb
 *   sigma: 0.1                     # thompson (prior_variance: V sets regularization to sigma²/V)
 *   epsilon: 0.05                  # epsilon-greedy, with epsilon_decay: 1, epsilon_min: 0.05
 *   regularization: 1              # ridge of every arm
 *   discount: 0.99                 # the share of its past an arm keeps per update (1: never forget)
 *   forget: chosen                 # chosen: the updated arm forgets; all: every arm, every update (D-LinUCB)
 *   optimistic: true               # an untried model starts at the best reward (a new one: the others' best estimates)
 * </pre>
 */
public abstract class BanditProvider implements RouterProvider {
  private final Exploration exploration;

  BanditProvider(Exploration exploration) {
    this.exploration = exploration;
  }

  @Override
  public String policy() {
    return exploration.policy();
  }

  @Override
  public Keys keys() {
    BanditSettings g = BanditSettings.signalbox(exploration);
    String rule = exploration == Exploration.UCB ? "upper confidence bounds (LinUCB)"
        : exploration == Exploration.THOMPSON ? "Thompson sampling"
        : "the best estimate, or a random model a share epsilon of the time";
    return Keys.of("a contextual bandit that learns from its decisions' outcomes, choosing by " + rule)
        .plus(OnlineConfig.KEYS)
        .key("alpha", "number >= 0", g.alpha(), "LinUCB's width multiplier (linucb)")
        .key("sigma", "number >= 0", g.sigma(), "Thompson sampling's noise scale (thompson)")
        .key("prior_variance", "number >= 0", "(sets regularization to sigma^2 / prior_variance)",
            "the prior's variance (thompson)")
        .key("epsilon", "number 0..1", g.epsilon(), "the starting share of random choices (epsilon-greedy)")
        .key("epsilon_decay", "number in (0, 1]", g.epsilonDecay(), "epsilon's factor per update (epsilon-greedy)")
        .key("epsilon_min", "number 0..1", g.epsilonMin(), "epsilon's floor (epsilon-greedy)")
        .key("regularization", "number >= 0", g.regularization(), "the ridge of every arm")
        .key("discount", "number in (0, 1]", g.discount(), "the share of its past an arm keeps per update (1: never forget)")
        .key("forget", "chosen | all", "chosen", "chosen: the updated arm forgets; all: every arm, every update")
        .key("optimistic", "boolean", g.optimistic(),
            "an untried model starts at the best reward (a new one: at the others' best estimates)");
  }

  @Override
  public Router create(RouteConfig route, Catalog catalog) {
    ConfigNode n = route.settings();
    List<String> models = OnlineConfig.models(n, catalog);
    var setup = OnlineConfig.setup(route, catalog, models);
    return new BanditRouter(setup, settings(n), models);
  }

  private BanditSettings settings(ConfigNode n) {
    BanditSettings g = BanditSettings.signalbox(exploration);
    double sigma = positive(n, "sigma", g.sigma());
    double reg = g.regularization();
    if (exploration == Exploration.THOMPSON && n.has("prior_variance")) {
      reg = sigma * sigma / positive(n, "prior_variance", 2.0);
    }
    reg = positive(n, "regularization", reg);
    double discount = n.get("discount").check(n.number("discount", g.discount()), d -> d > 0 && d <= 1, "must be in (0, 1]");
    return new BanditSettings(exploration, reg, positive(n, "alpha", g.alpha()), sigma,
        n.get("epsilon").check(n.number("epsilon", g.epsilon()), e -> e >= 0 && e <= 1, "must be in [0, 1]"),
        n.get("epsilon_decay").check(n.number("epsilon_decay", g.epsilonDecay()), e -> e > 0 && e <= 1, "must be in (0, 1]"),
        n.get("epsilon_min").check(n.number("epsilon_min", g.epsilonMin()), e -> e >= 0 && e <= 1, "must be in [0, 1]"),
        discount, forgetAll(n), n.bool("optimistic", g.optimistic()));
  }

  private static boolean forgetAll(ConfigNode n) {
    String forget = n.string("forget", "chosen");
    if (!forget.equals("chosen") && !forget.equals("all")) {
      throw n.get("forget").problem("must be chosen or all, got '" + forget + "'");
    }
    return forget.equals("all");
  }

  private static double positive(ConfigNode n, String key, double fallback) {
    return n.get(key).check(n.number(key, fallback), v -> v >= 0, "must not be negative");
  }

  /** {@code policy: linucb}. */
  public static final class LinUcb extends BanditProvider {
    public LinUcb() {
      super(Exploration.UCB);
    }
  }

  /** {@code policy: thompson}. */
  public static final class Thompson extends BanditProvider {
    public Thompson() {
      super(Exploration.THOMPSON);
    }
  }

  /** {@code policy: epsilon-greedy}. */
  public static final class EpsilonGreedy extends BanditProvider {
    public EpsilonGreedy() {
      super(Exploration.EPSILON_GREEDY);
    }
  }
}
