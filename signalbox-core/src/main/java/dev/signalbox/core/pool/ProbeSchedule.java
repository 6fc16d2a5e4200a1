package dev.signalbox.core.pool;

import dev.signalbox.core.config.UpstreamConfig.HealthCheckConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which endpoints an active health checker probes on each tick ({@code
 * upstream.health_check.unhealthy_interval_ms}): those that are out on every tick, so a
 * recovered one is back quickly; the others every {@code interval_ms}. On injected time, for the
 * gateway's checker and for simulated runs alike. Not thread-safe: one ticker.
 */
public final class ProbeSchedule {
  private final List<Endpoint> endpoints;
  private final long intervalNanos;
  private final Map<Endpoint, Long> lastProbe = new HashMap<>();

  public ProbeSchedule(List<Endpoint> endpoints, HealthCheckConfig config) {
    this.endpoints = List.copyOf(endpoints);
    this.intervalNanos = config.interval().toNanos();
  }

  /** The endpoints to probe now; each counts as probed from now. */
  public List<Endpoint> due(long nowNanos) {
    List<Endpoint> due = new ArrayList<>(endpoints.size());
    for (Endpoint e : endpoints) {
      boolean out = e.health().state(nowNanos) != EndpointHealth.State.HEALTHY;
      Long last = lastProbe.get(e);
      if (out || last == null || nowNanos - last >= intervalNanos) {
        lastProbe.put(e, nowNanos);
        due.add(e);
      }
    }
    return due;
  }
}
