package dev.signalbox.gateway.metrics;

import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.EndpointHealth;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics the gateway itself records: its own time per request (overhead), requests by model
 * and status class, and the live state of endpoints and of the process. Others add theirs to
 * {@link #registry()}.
 */
public final class GatewayMetrics {
  /** Overhead buckets, in seconds: 5 µs to 10 s (an embedding for a trained route takes 15-130 ms, a cold start more). */
  private static final double[] OVERHEAD_BUCKETS = {
    5e-6, 10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3,
    500e-3, 1, 2.5, 5, 10
  };
  private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  private final MetricsRegistry registry = new MetricsRegistry();
  private final Histogram overhead;
  private final Map<String, Counter[]> requestsByModel = new HashMap<>();
  private final MetricFamily<Counter> requests;
  private final MetricFamily<Counter> resilience;
  private final MetricFamily<Counter> refused;
  private final Map<String, Counter> refusedByCode = new java.util.concurrent.ConcurrentHashMap<>();
  /** Each event kind's counter, so an event costs one lookup and no label cleaning. */
  private final Map<String, Counter> resilienceByKind = new java.util.concurrent.ConcurrentHashMap<>();

  /** Registers the gateway's metrics for these models and endpoints. */
  public GatewayMetrics(List<String> models, List<Endpoint> endpoints) {
    overhead = registry.histogram("signalbox_overhead_seconds",
        "The gateway's own time per proxied request: everything but waiting for the upstream.", 1e9,
        OVERHEAD_BUCKETS);
    requests = registry.counters("signalbox_requests_total",
        "Proxied requests by the model that served them and the status class of the answer.", "model", "code");
    refused = registry.counters("signalbox_refused_total",
        "Requests the gateway answered itself with an error, before any upstream (bad JSON, unknown model, context "
            + "too long, body too large, ...), by the OpenAI error code.", "code");
    resilience = registry.counters("signalbox_resilience_events_total",
        "Reroutes, fallbacks, circuit transitions, probe changes, escalations and refused retries.", "kind");
    for (String model : models) {
      Counter[] byClass = new Counter[STATUS_CLASSES.length];
      for (int i = 0; i < byClass.length; i++) {
        byClass[i] = requests.labels(model, STATUS_CLASSES[i]);
      }
      requestsByModel.put(model, byClass);
    }
    for (Endpoint e : endpoints) {
      List<String> names = List.of("endpoint", "model");
      List<String> values = List.of(e.id(), e.model());
      registry.gauge("signalbox_endpoint_in_flight", "Requests in flight per endpoint.", names, values, e::inFlight);
      registry.gauge("signalbox_endpoint_available", "1 when the endpoint takes requests, 0 when ejected or "
          + "failing its probes.", names, values,
          () -> e.health().state(System.nanoTime()) == EndpointHealth.State.HEALTHY ? 1 : 0);
    }
    registerJvm();
    if (Files.isReadable(PROC_STATUS)) {
      registry.gauge("process_resident_memory_bytes", "Resident memory of the process.", GatewayMetrics::residentBytes);
    }
  }

  private void registerJvm() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    registry.gauge("jvm_memory_heap_used_bytes", "Java heap in use.", () -> memory.getHeapMemoryUsage().getUsed());
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    registry.counter("jvm_gc_collection_seconds_total", "Time spent in garbage collection.",
        () -> collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() / 1e3);
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported()) {
      registry.counter("jvm_allocated_bytes_total", "Bytes allocated by all threads so far (live threads only).",
          () -> threads.getTotalThreadAllocatedBytes());
    }
  }

  /** Where metrics of other components are registered and from which {@code /metrics} is served. */
  public MetricsRegistry registry() {
    return registry;
  }

  /** Records a proxied request once it has finished. */
  public void proxied(String model, int status, long ownNanos) {
    overhead.record(ownNanos);
    Counter[] byClass = requestsByModel.get(model);
    int statusClass = status / 100 - 1;
    if (byClass != null && statusClass >= 0 && statusClass < byClass.length) {
      byClass[statusClass].inc();
    } else {
      requests.labels(model, Integer.toString(status)).inc();
    }
  }

  /** Gauges of a memory budget: bytes held now, the most held at once, and the limit. */
  public void memory(String name, String help, dev.signalbox.gateway.MemoryBudget budget) {
    registry.gauge(name, help, budget::used);
    registry.gauge(name + "_peak", help + " The most at once so far.", budget::peak);
    registry.gauge(name + "_limit", help + " The limit.", budget::limit);
  }

  /** Counts a request the gateway refused itself, by its error code (e.g. {@code context_length_exceeded}). */
  public void refused(String code) {
    refusedByCode.computeIfAbsent(code == null ? "none" : code, c -> refused.labels(labelOf(c))).inc();
  }

  /**
   * Counts an event of the self-healing machinery ({@code reroute}, {@code fallback},
   * {@code circuit closed -> open}, {@code escalation}, ...) as
   * {@code signalbox_resilience_events_total{kind="circuit_closed_open"}}.
   */
  public void resilienceEvent(String kind) {
    resilienceByKind.computeIfAbsent(kind, k -> resilience.labels(labelOf(k))).inc();
  }

  static String labelOf(String kind) {
    return kind.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  /** The overhead histogram (for tests and benchmarks). */
  public Histogram overhead() {
    return overhead;
  }

  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  private static double residentBytes() {
    try {
      for (String line : Files.readAllLines(PROC_STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux after all, or the line changed
    }
    return Double.NaN;
  }
}
