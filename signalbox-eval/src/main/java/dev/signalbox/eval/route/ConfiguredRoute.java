package dev.signalbox.eval.route;

import dev.signalbox.core.ConfigurationKeys;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.eval.EvalData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route of a Signalbox configuration, bound to a trace for replay: its {@link Router} built by
 * the gateway's own code ({@link RoutingTable}, {@link Routers}), the signals the gateway would
 * give it for each record (the prompt embedding only where the router asks for one), and the
 * catalog's models mapped onto the trace's. A route that learns is built afresh, seeded, for each
 * {@link #replay}; any other is built once and shared (routers are thread-safe).
 */
public final class ConfiguredRoute {
  private final String requested;
  private final RouteConfig config;
  private final Catalog catalog;
  private final Router shared;
  private final List<String> learnerModels;
  private final ModelMapping models;
  private final EvalData data;
  private final Signals[] signals;

  private ConfiguredRoute(String requested, RouteConfig config, Catalog catalog, Router router, ModelMapping models,
      EvalData data, Signals[] signals) {
    this.requested = requested;
    this.config = config;
    this.catalog = catalog;
    this.shared = router instanceof LearningRouter ? null : router;
    this.learnerModels = router instanceof LearningRouter l ? List.copyOf(l.models()) : List.of();
    this.models = models;
    this.data = data;
    this.signals = signals;
  }

  /**
   * A configuration file read (every problem in it reported, as {@code serve} does) with the routes
   * to replay, each known to be there; {@link #bind} them to a trace.
   */
  public record Source(Path file, SignalboxConfig config, RoutingTable table, List<String> names) {

    /**
     * The named routes ({@code auto}: the default route) bound to a trace.
     *
     * @param map catalog model to trace model, where the names differ
     * @param embedded the embedder whose vectors {@code data} carries (reused where a route asks for the same)
     */
    public List<ConfiguredRoute> bind(Map<String, String> map, EvalData data, Embedder embedded) {
      try {
        ModelMapping models = ModelMapping.of(table.catalog().names(), data.data().models(), map);
        List<ConfiguredRoute> out = new ArrayList<>();
        for (String name : names) {
          out.add(ConfiguredRoute.bind(this, name, models, data, embedded));
        }
        return out;
      } finally {
        closeLearners(table); // a learning route is rebuilt, seeded, for each replay
      }
    }
  }

  /** Reads a configuration file and checks that it has the named routes, before any trace is read. */
  public static Source read(Path file, List<String> names) {
    if (new HashSet<>(names).size() < names.size()) {
      throw new IllegalArgumentException("--route: a route is named twice in " + names);
    }
    SignalboxConfig config = ConfigLoader.load(file, c -> closeLearners(RoutingTable.from(c)));
    RoutingTable table = RoutingTable.from(config);
    for (String name : names) {
      if (table.router(name).isEmpty()) {
        closeLearners(table);
        throw unknown(file, table, name);
      }
    }
    return new Source(file, config, table, List.copyOf(names));
  }

  /** {@link #read} and {@link Source#bind} in one. */
  public static List<ConfiguredRoute> load(Path file, List<String> names, Map<String, String> map, EvalData data,
      Embedder embedded) {
    return read(file, names).bind(map, data, embedded);
  }

  private static ConfiguredRoute bind(Source source, String name, ModelMapping models, EvalData data, Embedder embedded) {
    Router router = source.table().router(name).orElseThrow();
    String resolved = RoutingTable.AUTO.equals(name) ? source.table().defaultRoute() : name;
    RouteConfig route = source.config().routes().stream().filter(r -> r.name().equals(resolved)).findFirst().orElseThrow();
    ConfiguredRoute bound = new ConfiguredRoute(name, route, source.table().catalog(), router, models, data,
        signals(router.embedder(), data, embedded));
    for (String model : bound.learnerModels) {
      models.require(model, bound.name() + " learns to choose");
    }
    return bound;
  }

  private static IllegalArgumentException unknown(Path file, RoutingTable table, String name) {
    String routes = table.routeNames().isEmpty() ? "none" : String.join(", ", table.routeNames())
        + " (auto: " + table.defaultRoute() + ")";
    String what = table.catalog().contains(name) ? "'" + name + "' is a model, not a route (a single:MODEL row measures it)"
        : RoutingTable.AUTO.equals(name) ? "auto stands for the model " + table.defaultRoute() + ", not a route"
        : "no route '" + name + "'";
    return new IllegalArgumentException("--route " + name + ": " + what + " in " + file + "; its routes: " + routes);
  }

  /** Per record, what the gateway gives the router: the cheap signals, and the embedding if it asks for one. */
  private static Signals[] signals(Optional<Embedder> wanted, EvalData data, Embedder embedded) {
    Signals[] all = data.signals();
    Signals[] out = new Signals[all.length];
    if (wanted.isPresent() && !wanted.get().id().equals(embedded.id())) {
      List<float[]> vectors = wanted.get().embedAll(java.util.Arrays.stream(all).map(Signals::text).toList());
      for (int i = 0; i < all.length; i++) {
        out[i] = all[i].withEmbedding(vectors.get(i));
      }
      return out;
    }
    for (int i = 0; i < all.length; i++) {
      out[i] = wanted.isPresent() ? all[i] : all[i].withEmbedding(null);
    }
    return out;
  }

  private static void closeLearners(RoutingTable table) {
    table.learners().values().forEach(LearningRouter::close);
  }

  /** What a report calls it: {@code route:NAME}, as requested. */
  public String name() {
    return "route:" + requested;
  }

  /** Whether it learns from the outcomes of its decisions. */
  public boolean learns() {
    return shared == null;
  }

  /** A few words for a report: which route it is and its policy. */
  public String describe() {
    String which = requested.equals(config.name()) ? "" : " (the route '" + config.name() + "')";
    return name() + which + ", policy " + config.policy() + (learns() ? ", learning" : "");
  }

  /**
   * What a report says of configured routes: each route, and how every row is priced.
   *
   * @param learning what a learning route does in this replay, if any of them learns
   */
  public static String reportNote(List<ConfiguredRoute> routes, String learning) {
    StringBuilder sb = new StringBuilder("configured routes, replayed as the gateway serves them: ");
    sb.append(String.join("; ", routes.stream().map(ConfiguredRoute::describe).toList()));
    sb.append(". The configuration's models onto the trace's: ").append(routes.get(0).models.describe());
    if (routes.stream().anyMatch(ConfiguredRoute::learns)) {
      sb.append(". A learning route ").append(learning);
    }
    return sb.append(". Every row, the routes' too, is scored at the trace's own per-call costs (a model the trace"
        + " does not price: --model-cost, else the catalog's prices per 1M tokens)").toString();
  }

  /**
   * The route ready to replay: its shared router, or for a learning route a fresh one whose draws
   * are seeded with {@code seed} (unless the route sets its own {@code seed}).
   */
  public RouteReplay replay(long seed) {
    if (shared != null) {
      return new RouteReplay(this, shared);
    }
    return new RouteReplay(this, Routers.create(seeded(seed), catalog));
  }

  private RouteConfig seeded(long seed) {
    ConfigNode n = config.settings();
    boolean takesSeed = ConfigurationKeys.all().get("routes").nested().when(config.policy()).allows("seed");
    if (!takesSeed || n.raw().has("seed")) {
      return config;
    }
    ObjectNode copy = ((ObjectNode) n.raw()).deepCopy();
    copy.put("seed", seed);
    return new RouteConfig(config.name(), config.policy(), new ConfigNode(copy, n.path()), config.fallbacks());
  }

  String requested() {
    return requested;
  }

  RouteConfig config() {
    return config;
  }

  List<String> learnerModels() {
    return learnerModels;
  }

  ModelMapping models() {
    return models;
  }

  EvalData data() {
    return data;
  }

  Signals signals(int row) {
    return signals[row];
  }
}
