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
  /** Whether every endpoint was usable at the last full scan, and when that was. */
  private volatile boolean allUsable;
  private volatile long scannedAt;
  /** How long a full scan that found every endpoint usable lets selections skip scanning. */
  private static final long RESCAN_NANOS = 50_000_000;

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
   *
   * <p>While the last full scan (at most 50 ms ago) found every endpoint usable, the strategy
   * picks among all of them and only its pick is checked, so a healthy pool costs the same with
   * 1,000 endpoints as with 10. A pick that turns out unusable or tried falls back to the scan.
   */
  public Optional<Endpoint> select(RouteRequest request, Collection<Endpoint> exclude) {
    long now = nanoClock.getAsLong();
    if (allUsable && now - scannedAt < RESCAN_NANOS) {
      Endpoint pick = strategy.pick(endpoints, request);
      if (!exclude.contains(pick) && pick.health().isAvailable(now)) {
        return Optional.of(pick);
      }
    }
    List<Endpoint> usable = new ArrayList<>(endpoints.size());
    List<Endpoint> untried = new ArrayList<>(endpoints.size());
    boolean everyOneUsable = true;
    for (Endpoint e : endpoints) {
      boolean available = e.health().isAvailable(now);
      everyOneUsable &= available;
      if (exclude.contains(e)) {
        continue;
      }
      untried.add(e);
      if (available) {
        usable.add(e);
      }
    }
    allUsable = everyOneUsable;
    scannedAt = now;
    if (untried.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(strategy.pick(usable.isEmpty() ? untried : usable, request));
  }
}
