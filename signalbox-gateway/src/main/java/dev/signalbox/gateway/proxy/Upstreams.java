package dev.signalbox.gateway.proxy;

import dev.signalbox.core.config.EndpointConfig;
import dev.signalbox.core.config.ModelConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.graph.RouteGraph;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.pool.RetryBudget;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.gateway.MemoryBudget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every model's pool of endpoints, built from configuration, with the self-healing machinery
 * they share: the route graph over all of them, the retry budget, and the log of what happened.
 */
public final class Upstreams {
  private final Map<String, Pool> pools;
  private final RouteGraph graph;
  private final RetryBudget retryBudget;
  private final ResilienceLog log;
  private final UpstreamText text;
  private final MemoryBudget heldAnswers;

  private Upstreams(Map<String, Pool> pools, RouteGraph graph, RetryBudget retryBudget, ResilienceLog log,
      UpstreamText text, MemoryBudget heldAnswers) {
    this.pools = Collections.unmodifiableMap(pools);
    this.graph = graph;
    this.retryBudget = retryBudget;
    this.log = log;
    this.text = text;
    this.heldAnswers = heldAnswers;
  }

  /** Builds the pools; every endpoint must have a URL by now (simulated ones already started). */
  public static Upstreams from(SignalboxConfig config) {
    List<String> secrets = new ArrayList<>();
    for (ModelConfig model : config.models()) {
      model.endpoints().stream().filter(e -> e.apiKey() != null).forEach(e -> secrets.add(e.apiKey().reveal()));
    }
    UpstreamText text = new UpstreamText(secrets);
    ResilienceLog log = new ResilienceLog();
    Map<String, Pool> pools = new LinkedHashMap<>();
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    long seed = config.simulator().seed();
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
          PoolStrategies.create(model, seed ^ model.name().hashCode(), System::nanoTime),
          System::nanoTime));
    }
    return new Upstreams(pools, new RouteGraph(pools.values(), specs),
        new RetryBudget(config.upstream().retryBudget(), System::nanoTime), log, text,
        new MemoryBudget(config.upstream().maxTotalHeldBytes()));
  }

  /** Scrubs upstream text of the endpoints' keys before it is copied anywhere. */
  public UpstreamText text() {
    return text;
  }

  /** The bytes of every answer held whole at once, across event loops. */
  public MemoryBudget heldAnswers() {
    return heldAnswers;
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
