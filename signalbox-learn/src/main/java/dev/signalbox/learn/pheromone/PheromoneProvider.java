package dev.signalbox.learn.pheromone;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RouterProvider;
import dev.signalbox.learn.online.OnlineConfig;
import java.util.List;

/**
 * The {@code pheromone} policy: the settings every online policy has ({@link OnlineConfig}) plus
 * {@link PheromoneSettings}:
 *
 * <pre>
 * - name: ants
 *   policy: pheromone
 *   alpha: 2              # τ^α
 *   beta: 1               # η^β, η = 1/(cost_epsilon + cost/cost_scale)
 *   cost_epsilon: 0.3
 *   evaporation: 0.02     # ρ per outcome of the intent
 *   deposit: 0.1          # Q per unit of reward
 *   quality_gate: 0.5     # answers below this lay no pheromone
 *   penalty: 0.02         # and remove this share of their model's
 *   tau_min: 0.01
 *   tau_max: 5
 *   exploration: 1        # share of decisions drawn from P; the rest take its mode
 * </pre>
 */
public final class PheromoneProvider implements RouterProvider {

  @Override
  public String policy() {
    return "pheromone";
  }

  @Override
  public Keys keys() {
    PheromoneSettings d = PheromoneSettings.defaults();
    return Keys.of("pheromone trails per intent (Ant System / MAX-MIN Ant System), laid by its decisions' "
        + "outcomes")
        .plus(OnlineConfig.KEYS)
        .key("alpha", "number >= 0", d.alpha(), "the weight of pheromone in the choice: tau^alpha")
        .key("beta", "number >= 0", d.beta(),
            "the weight of cost: eta^beta, eta = 1 / (cost_epsilon + cost / cost_scale)")
        .key("cost_epsilon", "number > 0", d.costEpsilon(),
            "epsilon of the cost heuristic (larger: cost matters less)")
        .key("evaporation", "number in (0, 1)", d.evaporation(),
            "rho: the share that evaporates per outcome of the intent")
        .key("deposit", "number > 0", d.deposit(), "Q: pheromone laid per unit of reward on an accepted answer")
        .key("quality_gate", "number 0..1", d.qualityGate(), "the quality an answer needs to lay pheromone")
        .key("penalty", "number in [0, 1)", d.penalty(),
            "the share of its model's pheromone an answer below the gate removes")
        .key("tau_min", "number > 0", d.tauMin(), "the floor, so no model is ever ruled out")
        .key("tau_max", "number > tau_min", d.tauMax(), "the ceiling and the starting value")
        .key("exploration", "number 0..1", d.exploration(),
            "the share of decisions drawn from the choice distribution; the rest take its mode");
  }

  @Override
  public Router create(RouteConfig route, Catalog catalog) {
    ConfigNode n = route.settings();
    List<String> models = OnlineConfig.models(n, catalog);
    var setup = OnlineConfig.setup(route, catalog, models);
    PheromoneSettings d = PheromoneSettings.defaults();
    double tauMin = n.get("tau_min").check(n.number("tau_min", d.tauMin()), t -> t > 0, "must be positive");
    double tauMax = n.get("tau_max").check(n.number("tau_max", d.tauMax()), t -> t > tauMin, "must exceed tau_min");
    PheromoneSettings s = new PheromoneSettings(
        n.get("alpha").check(n.number("alpha", d.alpha()), a -> a >= 0, "must not be negative"),
        n.get("beta").check(n.number("beta", d.beta()), b -> b >= 0, "must not be negative"),
        n.get("cost_epsilon").check(n.number("cost_epsilon", d.costEpsilon()), e -> e > 0, "must be positive"),
        n.get("evaporation").check(n.number("evaporation", d.evaporation()), r -> r > 0 && r < 1, "must be in (0, 1)"),
        n.get("deposit").check(n.number("deposit", d.deposit()), q -> q > 0, "must be positive"),
        n.get("quality_gate").check(n.number("quality_gate", d.qualityGate()), g -> g >= 0 && g <= 1, "must be in [0, 1]"),
        n.get("penalty").check(n.number("penalty", d.penalty()), p -> p >= 0 && p < 1, "must be in [0, 1)"),
        tauMin, tauMax,
        n.get("exploration").check(n.number("exploration", d.exploration()), e -> e >= 0 && e <= 1, "must be in [0, 1]"));
    return new PheromoneRouter(setup, s, models);
  }
}
