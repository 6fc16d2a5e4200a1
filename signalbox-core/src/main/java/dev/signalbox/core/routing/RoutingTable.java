package dev.signalbox.core.routing;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Signals;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves what a caller put in {@code model}: a route name (or {@code auto}, the default route) is
 * decided by that route's policy; a model name goes straight to that model.
 */
public final class RoutingTable {
  /** The route name reported for requests that named a concrete model. */
  public static final String DIRECT = "direct";
  /** The model name that means "the default route". */
  public static final String AUTO = "auto";

  private final Catalog catalog;
  private final Map<String, Router> routes;
  private final String defaultRoute;
  private final Map<String, List<String>> fallbacks;

  public RoutingTable(Catalog catalog, Map<String, Router> routes, String defaultRoute) {
    this(catalog, routes, defaultRoute, Map.of());
  }

  /** A table whose routes may fall back to other models: {@code fallbacks} maps route to models. */
  public RoutingTable(Catalog catalog, Map<String, Router> routes, String defaultRoute,
      Map<String, List<String>> fallbacks) {
    this.catalog = catalog;
    this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    this.defaultRoute = defaultRoute;
    this.fallbacks = Map.copyOf(fallbacks);
  }

  /**
   * Builds every route's policy; a bad route fails here, naming its key (in collecting mode, see
   * {@link dev.signalbox.core.config.ConfigLoader#check}, every bad route is recorded and left out).
   */
  public static RoutingTable from(SignalboxConfig config) {
    Catalog catalog = config.catalog();
    Map<String, Router> routes = new LinkedHashMap<>();
    Map<String, List<String>> fallbacks = new LinkedHashMap<>();
    for (RouteConfig route : config.routes()) {
      fallbacks.put(route.name(), route.fallbacks());
      ConfigNode n = route.settings();
      if (route.name().equals(DIRECT)) {
        n.get("name").report("'" + DIRECT + "' is reserved for requests that name a model");
        continue;
      }
      Router router = n.attempt(() -> Routers.create(route, catalog), null);
      if (router != null) {
        routes.put(route.name(), router);
      }
    }
    String defaultRoute = config.server().defaultRoute();
    List<String> routeNames = config.routes().stream().map(RouteConfig::name).toList();
    if (!routeNames.contains(defaultRoute) && !catalog.contains(defaultRoute)) {
      if (!defaultRoute.equals(AUTO)) {
        throw new ConfigException("server.default_route", "unknown route or model '" + defaultRoute
            + "'; routes: " + String.join(", ", routeNames)
            + "; models: " + String.join(", ", catalog.names()));
      }
      // no route named auto: auto means the first route, or the first model when there are none
      defaultRoute = routes.isEmpty() ? catalog.names().get(0) : routes.keySet().iterator().next();
    }
    return new RoutingTable(catalog, routes, defaultRoute, fallbacks);
  }

  public Catalog catalog() {
    return catalog;
  }

  /** Route names in configuration order. */
  public List<String> routeNames() {
    return List.copyOf(routes.keySet());
  }

  /** The route (or model) that {@code auto} stands for. */
  public String defaultRoute() {
    return defaultRoute;
  }

  /** Whether a name is a model, a route or {@code auto}. */
  public boolean knows(String name) {
    return AUTO.equals(name) || routes.containsKey(name) || catalog.contains(name);
  }

  /** The policy of a route (or of {@code auto}), or empty for model names and unknown names. */
  public Optional<Router> router(String requested) {
    return Optional.ofNullable(routes.get(AUTO.equals(requested) ? defaultRoute : requested));
  }

  /** The routes whose policy learns from outcomes, by route name. */
  public Map<String, LearningRouter> learners() {
    Map<String, LearningRouter> out = new LinkedHashMap<>();
    routes.forEach((name, router) -> {
      if (router instanceof LearningRouter) {
        out.put(name, (LearningRouter) router);
      }
    });
    return out;
  }

  /** The embedder the policy behind a requested name needs, or empty (models and most policies). */
  public Optional<Embedder> embedderFor(String requested) {
    Router router = routes.get(AUTO.equals(requested) ? defaultRoute : requested);
    return router == null ? Optional.empty() : router.embedder();
  }

  /**
   * Refuses a request the decided model cannot take (its operation, or the prompt and the
   * caller's output limit against its context window): the admission check every stage makes.
   *
   * @throws OpenAiError 400 {@code unsupported_operation} or {@code context_length_exceeded}
   */
  public void admit(Routed routed, RouteRequest request, int promptTokens) {
    ModelSpec model = catalog.get(routed.model());
    ModelSpec.Refusal refusal = model.refusal(request.operation(), promptTokens, request.maxTokens());
    if (refusal != null) {
      throw OpenAiError.notAdmitted(model, refusal, request.operation(), promptTokens, request.maxTokens(),
          routed.route().equals(DIRECT) ? null : routed.route());
    }
  }

  /**
   * Decides which model answers a request, or returns empty when the requested name is neither a
   * model nor a route.
   */
  public Optional<Routed> decide(RouteRequest request, Signals signals) {
    String name = AUTO.equals(request.model()) ? defaultRoute : request.model();
    Router router = routes.get(name);
    if (router != null) {
      return Optional.of(new Routed(name, router.route(request, signals), fallbacks.getOrDefault(name, List.of())));
    }
    if (catalog.contains(name)) {
      Trace trace = new Trace("direct", "the request named model " + name, List.of());
      return Optional.of(new Routed(DIRECT, new Decision(name, trace)));
    }
    return Optional.empty();
  }

  /**
   * A decision together with the route that made it.
   *
   * @param route the route's name, or {@link #DIRECT} when the request named a model
   * @param decision the model chosen and why
   * @param fallbacks the models the route may fall back to, in order (none for direct requests)
   */
  public record Routed(String route, Decision decision, List<String> fallbacks) {
    public Routed {
      fallbacks = List.copyOf(fallbacks);
    }

    public Routed(String route, Decision decision) {
      this(route, decision, List.of());
    }

    public String model() {
      return decision.model();
    }

    /** The same decision with a note in its trace (a signal that was missing, say). */
    public Routed noted(String note) {
      return new Routed(route, new Decision(decision.model(), decision.trace().withNote(note)), fallbacks);
    }
  }
}
