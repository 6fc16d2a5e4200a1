package dev.signalbox.core.config;

import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The whole configuration of a deployment: server, upstream handling, models with their
 * endpoints, routes, and where learned state lives. Built by {@link ConfigLoader}; every problem
 * names its key.
 */
public record SignalboxConfig(
    ServerConfig server,
    UpstreamConfig upstream,
    SimulatorConfig simulator,
    List<ModelConfig> models,
    List<RouteConfig> routes,
    StateConfig state) {

  public SignalboxConfig {
    models = List.copyOf(models);
    routes = List.copyOf(routes);
  }

  /** Reads and cross-checks a configuration tree. */
  public static SignalboxConfig parse(ConfigNode root) {
    root.allowOnly("server", "upstream", "simulator", "models", "routes", "state");
    List<ModelConfig> models = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    List<ConfigNode> modelNodes = root.list("models");
    if (modelNodes.isEmpty()) {
      throw root.get("models").problem("at least one model is required");
    }
    for (ConfigNode m : modelNodes) {
      ModelConfig model = ModelConfig.parse(m);
      String previous = seen.putIfAbsent(model.name(), m.path());
      if (previous != null) {
        throw m.get("name").problem("duplicate model '" + model.name() + "' (first at " + previous + ")");
      }
      models.add(model);
    }
    java.util.Set<String> modelNames = new java.util.LinkedHashSet<>();
    models.forEach(m -> modelNames.add(m.name()));
    List<RouteConfig> routes = new ArrayList<>();
    for (ConfigNode r : root.list("routes")) {
      RouteConfig route = RouteConfig.parse(r, modelNames);
      String previous = seen.putIfAbsent(route.name(), r.path());
      if (previous != null) {
        throw r.get("name").problem(
            "name '" + route.name() + "' is already used by " + previous + "; models and routes share one namespace");
      }
      routes.add(route);
    }
    ServerConfig server = ServerConfig.parse(root.get("server"));
    return new SignalboxConfig(
        server, UpstreamConfig.parse(root.get("upstream")), SimulatorConfig.parse(root.get("simulator")),
        models, routes, StateConfig.parse(root.get("state")));
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
    return new SignalboxConfig(newServer, upstream, simulator, models, routes, state);
  }

  public SignalboxConfig withState(StateConfig newState) {
    return new SignalboxConfig(server, upstream, simulator, models, routes, newState);
  }

  public SignalboxConfig withUpstream(UpstreamConfig newUpstream) {
    return new SignalboxConfig(server, newUpstream, simulator, models, routes, state);
  }

  /** The same configuration with every model's endpoints replaced by {@code f(endpoint)}. */
  public SignalboxConfig mapEndpoints(java.util.function.BiFunction<ModelConfig, EndpointConfig, EndpointConfig> f) {
    List<ModelConfig> mapped = new ArrayList<>(models.size());
    for (ModelConfig m : models) {
      UnaryOperator<EndpointConfig> perEndpoint = e -> f.apply(m, e);
      mapped.add(m.mapEndpoints(perEndpoint));
    }
    return new SignalboxConfig(server, upstream, simulator, mapped, routes, state);
  }
}
