package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The replicas of one model and the strategy that picks among them. Replicas whose circuit is
 * open, whose probe failed or that are cooling down after a 429 are left out; a half-open one is
 * offered to one trial request at a time. When none is usable, the pool says so rather than send
 * a request that would most likely fail: the caller escalates with a clear error.
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
   * Picks a usable replica for a request, leaving out {@code exclude} (those already tried), and
   * claims its circuit's permission (the trial, when half-open). Empty when none is usable. Only
   * the replica returned is recorded as placed with the strategy ({@link PoolStrategy#placed}): a
   * pick whose circuit refused the request leaves no trace in the strategy's picture of the pool.
   *
   * <p>While the last full scan (at most 50 ms ago) found every endpoint usable, the strategy
   * picks among all of them and only its pick is checked, so a healthy pool costs the same with
   * 1,000 endpoints as with 10. A pick that turns out unusable or tried falls back to the scan.
   */
  public Optional<Endpoint> select(RouteRequest request, Collection<Endpoint> exclude) {
    long now = nanoClock.getAsLong();
    if (allUsable && now - scannedAt < RESCAN_NANOS) {
      Endpoint pick = strategy.pick(endpoints, request);
      if (!exclude.contains(pick) && pick.health().tryAcquire(now)) {
        return placed(pick, request);
      }
    }
    List<Endpoint> usable = new ArrayList<>(endpoints.size());
    boolean everyOneUsable = true;
    for (Endpoint e : endpoints) {
      boolean available = e.health().isAvailable(now);
      everyOneUsable &= available;
      if (available && !exclude.contains(e)) {
        usable.add(e);
      }
    }
    allUsable = everyOneUsable;
    scannedAt = now;
    while (!usable.isEmpty()) {
      Endpoint pick = strategy.pick(usable, request);
      if (pick.health().tryAcquire(now)) {
        return placed(pick, request);
      }
      usable.remove(pick); // another request took the half-open trial first
    }
    return Optional.empty();
  }

  private Optional<Endpoint> placed(Endpoint chosen, RouteRequest request) {
    strategy.placed(chosen, request);
    return Optional.of(chosen);
  }
}
