package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The replicas of one model and the strategy that picks among them. Ejected and probe-failed
 * replicas are skipped; when every remaining replica is out, the pool still tries them (panic
 * mode, as Envoy does) rather than refuse a request that might succeed.
 */
public final class Pool {
  private final String model;
  private final List<Endpoint> endpoints;
  private final PoolStrategy strategy;
  private final LongSupplier nanoClock;

  public Pool(String model, List<Endpoint> endpoints, PoolStrategy strategy, LongSupplier nanoClock) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a pool needs at least one endpoint: " + model);
    }
    this.model = model;
    this.endpoints = List.copyOf(endpoints);
    this.strategy = strategy;
    this.nanoClock = nanoClock;
  }

  public String model() {
    return model;
  }

  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * Picks a replica for a request, leaving out {@code exclude} (those already tried). Empty when
   * every replica has been tried.
   */
  public Optional<Endpoint> select(RouteRequest request, Collection<Endpoint> exclude) {
    long now = nanoClock.getAsLong();
    List<Endpoint> usable = new ArrayList<>(endpoints.size());
    List<Endpoint> untried = new ArrayList<>(endpoints.size());
    for (Endpoint e : endpoints) {
      if (exclude.contains(e)) {
        continue;
      }
      untried.add(e);
      if (e.health().isAvailable(now)) {
        usable.add(e);
      }
    }
    if (untried.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(strategy.pick(usable.isEmpty() ? untried : usable, request));
  }
}
