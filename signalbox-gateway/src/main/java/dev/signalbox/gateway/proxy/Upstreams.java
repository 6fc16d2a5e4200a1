package dev.signalbox.gateway.proxy;

import dev.signalbox.core.config.EndpointConfig;
import dev.signalbox.core.config.ModelConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.pool.PoolStrategies;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every model's pool of endpoints, built from configuration. */
public final class Upstreams {
  private final Map<String, Pool> pools;

  private Upstreams(Map<String, Pool> pools) {
    this.pools = Collections.unmodifiableMap(pools);
  }

  /** Builds the pools; every endpoint must have a URL by now (simulated ones already started). */
  public static Upstreams from(SignalboxConfig config) {
    Map<String, Pool> pools = new LinkedHashMap<>();
    long seed = config.simulator().seed();
    for (ModelConfig model : config.models()) {
      List<Endpoint> endpoints = new ArrayList<>();
      for (int i = 0; i < model.endpoints().size(); i++) {
        EndpointConfig e = model.endpoints().get(i);
        if (e.url() == null) {
          throw new IllegalStateException("endpoint " + model.name() + "/" + i + " has no URL (a simulated "
              + "endpoint must be started before the gateway)");
        }
        endpoints.add(new Endpoint(model.name() + "/" + i, model.name(), e.url(), e.upstreamModel(),
            e.apiKey(), config.upstream().ejection()));
      }
      pools.put(model.name(), new Pool(model.name(), endpoints,
          PoolStrategies.create(model.poolSettings(), seed ^ model.name().hashCode(), System::nanoTime),
          System::nanoTime));
    }
    return new Upstreams(pools);
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
