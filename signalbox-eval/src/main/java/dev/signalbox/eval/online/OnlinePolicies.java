package dev.signalbox.eval.online;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.learn.features.TaskModel;
import dev.signalbox.learn.online.Example;
import dev.signalbox.learn.online.OnlineRouter;
import dev.signalbox.learn.quality.QualityModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The online policies of a replay, by name. A name is a preset (below) or a policy ({@code
 * linucb}, {@code thompson}, {@code epsilon-greedy}, {@code pheromone}), with settings after a colon
 * that override the preset's: {@code thompson:warm=0,discount=1}. The settings are the route's
 * ({@code +} separates list items: {@code features=task+cluster}), built by the same {@link
 * dev.signalbox.core.routing.RouterProvider} the gateway uses, plus {@code warm}: how many
 * observations per model the warm-up rows count as (0: start cold). {@code random} and {@code
 * best-fixed} (the best single model in hindsight) are references.
 */
public final class OnlinePolicies {
  private static final String GREENSERV_FEATURES = "features=task+cluster+complexity,discount=1,optimistic=false,warm=0";
  private static final String SIGNALBOX = "features=task,discount=0.99,optimistic=true,warm=300";

  /** GreenServ's configurations (algorithms.md §1) and Signalbox's. */
  public static final Map<String, String> PRESETS = presets();

  /** The line-up when no policy is named. */
  public static final List<String> DEFAULT = List.of("greenserv-linucb", "greenserv-thompson", "greenserv-epsilon-greedy",
      "linucb", "thompson", "epsilon-greedy", "pheromone", "thompson:warm=0", "pheromone:warm=0", "random", "best-fixed");

  private OnlinePolicies() {}

  private static Map<String, String> presets() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("greenserv-linucb", "linucb:alpha=0.1,regularization=0.05," + GREENSERV_FEATURES);
    p.put("greenserv-thompson", "thompson:sigma=0.25,prior_variance=2," + GREENSERV_FEATURES);
    p.put("greenserv-epsilon-greedy", "epsilon-greedy:regularization=0.25,epsilon=1,epsilon_decay=0.985,epsilon_min=0.01,"
        + GREENSERV_FEATURES);
    p.put("linucb", "linucb:alpha=0.1,regularization=1," + SIGNALBOX);
    p.put("thompson", "thompson:sigma=0.1,regularization=1," + SIGNALBOX);
    p.put("epsilon-greedy", "epsilon-greedy:regularization=1,epsilon=0.05,epsilon_decay=1,epsilon_min=0.05," + SIGNALBOX);
    p.put("pheromone", "pheromone:alpha=4,beta=0,evaporation=0.02,deposit=0.1,penalty=0.02,exploration=0.05,features=task,warm=300");
    return Map.copyOf(p);
  }

  /** Whether a name is a reference policy rather than a learner. */
  static boolean isReference(String spec) {
    return spec.equals("random") || spec.equals("best-fixed");
  }

  /**
   * Builds a learner for one replay: through its provider, with the replay's reward and models,
   * inline updates and seeded draws, the trained task model, and warmed up on {@code warm} when
   * the spec says so.
   */
  static OnlineRouter build(String spec, OnlineData data, TaskModel tasks, List<Example> warm, List<String> models,
      long seed) {
    var parsed = QualityModels.parseSpec(spec);
    Map<String, String> settings = new LinkedHashMap<>();
    String policy = parsed.getKey();
    if (PRESETS.containsKey(policy)) {
      var preset = QualityModels.parseSpec(PRESETS.get(policy));
      policy = preset.getKey();
      settings.putAll(preset.getValue());
    }
    settings.putAll(parsed.getValue());
    double warmStrength = Double.parseDouble(settings.getOrDefault("warm", "0"));
    settings.remove("warm");
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("name", parsed.getKey());
    node.put("policy", policy);
    for (var e : settings.entrySet()) {
      if (Set.of("features", "complexity_bins", "models").contains(e.getKey())) {
        ArrayNode items = node.putArray(e.getKey());
        for (String item : e.getValue().split("\\+")) {
          items.add(item);
        }
      } else {
        node.put(e.getKey(), e.getValue());
      }
    }
    node.put("lambda", data.reward().lambda());
    node.put("cost_scale", data.reward().costScale());
    node.put("async_updates", false);
    node.put("seed", seed);
    node.set("models", Json.MAPPER.valueToTree(models));
    Router router;
    try {
      router = Routers.create(new RouteConfig(parsed.getKey(), policy, new ConfigNode(node, "--policy " + spec)), catalog(data));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!(router instanceof OnlineRouter)) {
      throw new IllegalArgumentException("--policy " + spec + ": '" + policy + "' is not an online policy");
    }
    OnlineRouter online = (OnlineRouter) router;
    if (tasks != null) {
      online.useTasks(tasks);
    }
    if (warmStrength > 0 && !warm.isEmpty()) {
      online.warmStart(data.models(), warm, warmStrength);
    }
    return online;
  }

  /** The trace's models as a catalog (prices live in the trace, not here). */
  private static Catalog catalog(OnlineData data) {
    List<ModelSpec> specs = new ArrayList<>();
    for (String m : data.models()) {
      specs.add(new ModelSpec(m, 0, 0, Integer.MAX_VALUE, Set.of(Operation.CHAT)));
    }
    return new Catalog(specs);
  }
}
