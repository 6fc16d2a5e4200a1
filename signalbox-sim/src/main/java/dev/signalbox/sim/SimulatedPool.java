package dev.signalbox.sim;

import dev.signalbox.core.config.EndpointConfig;
import dev.signalbox.core.config.ModelConfig;
import dev.signalbox.core.config.SignalboxConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The simulated replicas of a configuration: one {@link SimulatedReplica} per {@code simulated:}
 * endpoint, seeded from {@code simulator.seed}, and the configuration with their URLs filled in.
 */
public final class SimulatedPool implements AutoCloseable {
  private final SignalboxConfig config;
  private final Map<String, List<SimulatedReplica>> byModel;
  private final List<SimulatedReplica> all;
  private final Vertx ownedVertx;

  private SimulatedPool(SignalboxConfig config, List<SimulatedReplica> replicas, Vertx ownedVertx) {
    this.all = List.copyOf(replicas);
    Map<String, List<SimulatedReplica>> grouped = new LinkedHashMap<>();
    for (SimulatedReplica r : replicas) {
      grouped.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r);
    }
    grouped.replaceAll((m, list) -> List.copyOf(list));
    this.byModel = Collections.unmodifiableMap(grouped);
    this.config = fillUrls(config, byModel);
    this.ownedVertx = ownedVertx;
  }

  /**
   * Starts the pool on its own Vert.x instance and waits until every replica listens; for callers
   * outside Vert.x (a CLI, a test). Ports are {@code basePort}, {@code basePort + 1}, ... in the
   * order the endpoints appear, or free ports when {@code basePort} is 0.
   */
  public static SimulatedPool start(SignalboxConfig config, String host, int basePort) {
    Vertx vertx = Vertx.vertx();
    try {
      return await(startOn(vertx, config, host, basePort, vertx));
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** Starts the pool on the caller's Vert.x and waits; must not be called on an event loop. */
  public static SimulatedPool start(Vertx vertx, SignalboxConfig config, String host, int basePort) {
    return await(startAsync(vertx, config, host, basePort));
  }

  /** Starts the pool on the caller's Vert.x; the caller keeps ownership of {@code vertx}. */
  public static Future<SimulatedPool> startAsync(
      Vertx vertx, SignalboxConfig config, String host, int basePort) {
    return startOn(vertx, config, host, basePort, null);
  }

  private static Future<SimulatedPool> startOn(
      Vertx vertx, SignalboxConfig config, String host, int basePort, Vertx owned) {
    if (basePort < 0 || basePort > 65535) {
      return Future.failedFuture(new IllegalArgumentException("basePort must be 0..65535: " + basePort));
    }
    List<Future<SimulatedReplica>> starting = new ArrayList<>();
    long seed = SimulatorConfig.of(config).seed();
    int next = 0;
    for (ModelConfig model : config.models()) {
      List<EndpointConfig> endpoints = model.endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        EndpointConfig e = endpoints.get(i);
        if (!e.isSimulated()) {
          continue;
        }
        ReplicaSpec spec = new ReplicaSpec(
            model.spec(), e.upstreamModel(), ReplicaProfile.of(e), seed, i);
        int port = basePort > 0 ? basePort + next : 0;
        if (port > 65535) {
          return Future.failedFuture(new IllegalArgumentException(
              "too many simulated endpoints for basePort " + basePort + ": ports run past 65535"));
        }
        next++;
        starting.add(SimulatedReplica.start(vertx, spec, host, port));
      }
    }
    return Future.join(starting).transform(done -> {
      List<SimulatedReplica> started = new ArrayList<>();
      Throwable failure = null;
      for (Future<SimulatedReplica> f : starting) {
        if (f.succeeded()) {
          started.add(f.result());
        } else if (failure == null) {
          failure = f.cause();
        }
      }
      if (failure != null) {
        Throwable cause = failure;
        return closeAll(started).transform(ignored -> Future.failedFuture(cause));
      }
      return Future.succeededFuture(new SimulatedPool(config, started, owned));
    });
  }

  /** The configuration with every simulated endpoint's URL set to its replica. */
  public SignalboxConfig config() {
    return config;
  }

  /** Every replica, in configuration order. */
  public List<SimulatedReplica> replicas() {
    return all;
  }

  /** The replicas of one model, by index; empty for a model without simulated endpoints. */
  public List<SimulatedReplica> replicas(String model) {
    return byModel.getOrDefault(model, List.of());
  }

  /** The replica of {@code model} at this position among the model's simulated endpoints. */
  public SimulatedReplica replica(String model, int index) {
    List<SimulatedReplica> list = replicas(model);
    if (index < 0 || index >= list.size()) {
      throw new IllegalArgumentException(
          "no simulated replica " + index + " of model '" + model + "' (it has " + list.size() + ")");
    }
    return list.get(index);
  }

  /** Stops every replica, and the pool's own Vert.x if it made one. */
  public Future<Void> closeAsync() {
    Future<Void> closed = closeAll(all);
    return ownedVertx == null ? closed : closed.eventually(ownedVertx::close);
  }

  /** Stops every replica and waits; must not be called on an event loop. */
  @Override
  public void close() {
    await(closeAsync());
  }

  private static Future<Void> closeAll(List<SimulatedReplica> replicas) {
    List<Future<Void>> closing = new ArrayList<>();
    for (SimulatedReplica r : replicas) {
      closing.add(r.close());
    }
    return Future.join(closing).mapEmpty();
  }

  private static SignalboxConfig fillUrls(
      SignalboxConfig config, Map<String, List<SimulatedReplica>> byModel) {
    Map<String, Iterator<SimulatedReplica>> next = new HashMap<>();
    byModel.forEach((model, list) -> next.put(model, list.iterator()));
    // mapEndpoints visits each model's endpoints in order, the order the replicas were started in.
    return config.mapEndpoints((model, endpoint) -> endpoint.isSimulated()
        ? endpoint.withUrl(next.get(model.name()).next().url())
        : endpoint);
  }

  private static <T> T await(Future<T> future) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("blocking call on an event loop; use startAsync/closeAsync");
    }
    try {
      return future.toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
