package dev.signalbox.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The whole configuration of a deployment: server, upstream handling, models with their
 * endpoints, routes, and where learned state lives. Built by {@link ConfigLoader}; every problem
 * names its key. The embedded simulator's settings ({@code simulator}) are kept as written for the
 * simulator, which reads them ({@link SettingsProvider}).
 */
public record SignalboxConfig(
    ServerConfig server,
    UpstreamConfig upstream,
    SettingsNode simulator,
    List<ModelConfig> models,
    List<RouteConfig> routes,
    StateConfig state,
    AuthConfig auth) {

  public SignalboxConfig {
    models = List.copyOf(models);
    routes = List.copyOf(routes);
  }

  /** A configuration without auth. */
  public SignalboxConfig(ServerConfig server, UpstreamConfig upstream, SettingsNode simulator, List<ModelConfig> models,
      List<RouteConfig> routes, StateConfig state) {
    this(server, upstream, simulator, models, routes, state, AuthConfig.OFF);
  }

  private static final Keys SIMULATOR = SettingsProviders.keys("simulator",
      "the embedded simulator; its keys are the simulator's (signalbox-sim, not on the class path)");

  /**
   * The top-level keys, with the keys of each pluggable part as its provider declares them: each
   * route's {@code policies}, each pool's {@code strategies} and the state's {@code stores}, by name.
   */
  public static Keys keys(Map<String, Keys> policies, Map<String, Keys> strategies, Map<String, Keys> stores) {
    Keys models = ModelConfig.keys(strategies);
    Keys routes = RouteConfig.KEYS.variants("policy", policies);
    Keys state = StateConfig.KEYS.variants("store", stores);
    return Keys.of("a Signalbox configuration")
        .mapping("server", "mapping", null, ServerConfig.KEYS.doc(), ServerConfig.KEYS)
        .mapping("upstream", "mapping", null, UpstreamConfig.KEYS.doc(), UpstreamConfig.KEYS)
        .mapping("simulator", "mapping", null, SIMULATOR.doc(), SIMULATOR)
        .list("models", true, models.doc(), models)
        .list("routes", false, RouteConfig.KEYS.doc(), routes)
        .mapping("state", "mapping", null, state.doc(), state)
        .mapping("auth", "mapping", null, AuthConfig.KEYS.doc(), AuthConfig.KEYS)
        .list("teams", false, AuthConfig.TEAM_KEYS.doc(), AuthConfig.TEAM_KEYS)
        .list("keys", false, AuthConfig.KEY_KEYS.doc(), AuthConfig.KEY_KEYS);
  }

  private static final Keys KEYS = keys(Map.of(), Map.of(), Map.of());
  /** The checks of the parts that pluggable components read themselves (pool strategies, state stores). */
  private static final List<ConfigCheck> CHECKS =
      ServiceLoader.load(ConfigCheck.class, ConfigCheck.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get).toList();

  /** Reads and cross-checks a configuration tree; in collecting mode broken parts get placeholders. */
  public static SignalboxConfig parse(ConfigNode root) {
    root.allowOnly(KEYS);
    List<ModelConfig> models = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    List<ConfigNode> modelNodes = root.list("models");
    if (modelNodes.isEmpty()) {
      root.get("models").report("at least one model is required");
    }
    for (ConfigNode m : modelNodes) {
      ModelConfig model = m.attempt(() -> ModelConfig.parse(m), null);
      JsonNode name = m.raw().get("name");
      if (model == null && name != null && name.isTextual()) {
        model = ModelConfig.placeholder(name.asText()); // routes naming it are still checked
      } else if (model == null) {
        continue;
      }
      String previous = seen.putIfAbsent(model.name(), m.path());
      if (previous != null) {
        m.get("name").report("duplicate model '" + model.name() + "' (first at " + previous + ")");
      } else {
        models.add(model);
      }
    }
    Set<String> modelNames = new LinkedHashSet<>();
    models.forEach(m -> modelNames.add(m.name()));
    List<RouteConfig> routes = new ArrayList<>();
    for (ConfigNode r : root.list("routes")) {
      RouteConfig route = r.attempt(() -> RouteConfig.parse(r, modelNames), null);
      if (route == null) {
        continue;
      }
      String previous = seen.putIfAbsent(route.name(), r.path());
      if (previous != null) {
        r.get("name").report(
            "name '" + route.name() + "' is already used by " + previous + "; models and routes share one namespace");
      } else {
        routes.add(route);
      }
    }
    ConfigNode server = root.get("server");
    ConfigNode upstream = root.get("upstream");
    ConfigNode simulator = root.get("simulator");
    ConfigNode state = root.get("state");
    ConfigNode auth = root.get("auth");
    SignalboxConfig config = new SignalboxConfig(
        server.attempt(() -> ServerConfig.parse(server), ServerConfig.DEFAULT),
        upstream.attempt(() -> UpstreamConfig.parse(upstream), UpstreamConfig.parse(new ConfigNode(null, "upstream"))),
        simulator.attempt(() -> SettingsProviders.read("simulator", simulator), new SettingsNode("simulator", null)),
        models, routes,
        state.attempt(() -> StateConfig.parse(state), StateConfig.MEMORY),
        auth.attempt(() -> AuthConfig.parse(auth, root.get("teams"), root.get("keys")), AuthConfig.OFF));
    CHECKS.forEach(check -> check.check(config));
    return config;
  }

  /** The models' specs as a catalog. */
  public Catalog catalog() {
    List<ModelSpec> specs = new ArrayList<>();
    for (ModelConfig m : models) {
      specs.add(m.spec());
    }
    return new Catalog(specs);
  }

  public SignalboxConfig withServer(ServerConfig newServer) {
    return new SignalboxConfig(newServer, upstream, simulator, models, routes, state, auth);
  }

  public SignalboxConfig withState(StateConfig newState) {
    return new SignalboxConfig(server, upstream, simulator, models, routes, newState, auth);
  }

  public SignalboxConfig withUpstream(UpstreamConfig newUpstream) {
    return new SignalboxConfig(server, newUpstream, simulator, models, routes, state, auth);
  }

  /** The same configuration with every model's endpoints replaced by {@code f(endpoint)}. */
  public SignalboxConfig mapEndpoints(java.util.function.BiFunction<ModelConfig, EndpointConfig, EndpointConfig> f) {
    List<ModelConfig> mapped = new ArrayList<>(models.size());
    for (ModelConfig m : models) {
      UnaryOperator<EndpointConfig> perEndpoint = e -> f.apply(m, e);
      mapped.add(m.mapEndpoints(perEndpoint));
    }
    return new SignalboxConfig(server, upstream, simulator, mapped, routes, state, auth);
  }
}
