package dev.signalbox.core.upstream;

import dev.signalbox.core.config.EndpointConfig;
import dev.signalbox.core.config.ModelConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.graph.RouteGraph;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.pool.RetryBudget;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.pool.PoolStrategies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Every model's pool of endpoints, built from configuration, with the self-healing machinery
 * they share: the route graph over all of them, the retry budget, and the log of what happened.
 */
public final class Upstreams {
  /**
   * Seeds the strategies' hash rings and random choices, so placements repeat from run to run. A
   * constant: the simulator's seed ({@code simulator.seed}) is the simulator's to read.
   */
  private static final long STRATEGY_SEED = 42;

  private final Map<String, Pool> pools;
  private final RouteGraph graph;
  private final RetryBudget retryBudget;
  private final ResilienceLog log;
  private final List<String> secrets;

  private Upstreams(Map<String, Pool> pools, RouteGraph graph, RetryBudget retryBudget, ResilienceLog log,
      List<String> secrets) {
    this.pools = Collections.unmodifiableMap(pools);
    this.graph = graph;
    this.retryBudget = retryBudget;
    this.log = log;
    this.secrets = List.copyOf(secrets);
  }

  /** Builds the pools; every endpoint must have a URL by now (simulated ones already started). */
  public static Upstreams from(SignalboxConfig config) {
    return from(config, System::nanoTime);
  }

  /** The same on another clock (nanoseconds): simulated time for benches and tests. */
  public static Upstreams from(SignalboxConfig config, LongSupplier clock) {
    List<String> secrets = new ArrayList<>();
    for (ModelConfig model : config.models()) {
      model.endpoints().stream().filter(e -> e.apiKey() != null).forEach(e -> secrets.add(e.apiKey().reveal()));
    }
    ResilienceLog log = new ResilienceLog();
    Map<String, Pool> pools = new LinkedHashMap<>();
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    for (ModelConfig model : config.models()) {
      List<Endpoint> endpoints = new ArrayList<>();
      for (int i = 0; i < model.endpoints().size(); i++) {
        EndpointConfig e = model.endpoints().get(i);
        if (e.url() == null) {
          throw new IllegalStateException("endpoint " + model.name() + "/" + i + " has no URL (a simulated "
              + "endpoint must be started before the gateway)");
        }
        String id = model.name() + "/" + i;
        endpoints.add(new Endpoint(id, model.name(), e.url(), e.upstreamModel(), e.apiKey(),
            config.upstream().circuitBreaker(), (what, reason) -> log.record(what, id, reason)));
      }
      specs.put(model.name(), model.spec());
      pools.put(model.name(), new Pool(model.name(), endpoints,
          PoolStrategies.create(model, STRATEGY_SEED ^ model.name().hashCode(), clock), clock));
    }
    return new Upstreams(pools, new RouteGraph(pools.values(), specs),
        new RetryBudget(config.upstream().retryBudget(), clock), log, secrets);
  }

  /** The endpoints' API keys: what upstream text must be scrubbed of before it is copied anywhere. */
  public List<String> secrets() {
    return secrets;
  }

  /** Models, endpoints and fallbacks as one graph: where a failed attempt goes next. */
  public RouteGraph graph() {
    return graph;
  }

  public RetryBudget retryBudget() {
    return retryBudget;
  }

  /** Circuit transitions, reroutes and the rest, counted and kept. */
  public ResilienceLog log() {
    return log;
  }

  public Pool pool(String model) {
    return pools.get(model);
  }

  public Iterable<Pool> pools() {
    return pools.values();
  }

  /** All endpoints of all models. */
  public List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    for (Pool p : pools.values()) {
      all.addAll(p.endpoints());
    }
    return all;
  }
}
