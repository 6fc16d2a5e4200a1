package dev.signalbox.gateway.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The gateway's metrics, served by {@code GET /metrics} in Prometheus text format. Registering a
 * metric is rare and synchronized; recording on a {@link Counter} or {@link Histogram} is
 * lock-free and allocation-free, so it belongs on the hot path. Gauges are read at scrape time.
 *
 * <p>To add a metric, register it once where its owner is built and keep the returned object:
 * {@code Counter reroutes = registry.counter("signalbox_reroutes_total", "...")}, or with labels
 * {@code registry.counters("signalbox_breaker_transitions_total", "...", "endpoint", "to")
 * .labels(id, "open").inc()}.
 */
public final class MetricsRegistry {
  private enum Type {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram");

    final String exposed;

    Type(String exposed) {
      this.exposed = exposed;
    }
  }

  private record Registered(Type type, MetricFamily<?> family) {}

  private final Map<String, Registered> metrics = new LinkedHashMap<>();

  /** The content type of {@link #scrape()}. */
  public static String contentType() {
    return PrometheusText.CONTENT_TYPE;
  }

  /** A counter without labels; its name should end in {@code _total}. */
  public Counter counter(String name, String help) {
    return counters(name, help).labels();
  }

  /** A counter per combination of label values. */
  public MetricFamily<Counter> counters(String name, String help, String... labelNames) {
    return family(Type.COUNTER, name, help, labelNames, Counter::new);
  }

  /**
   * A histogram without labels.
   *
   * @param scale recorded units per exposed unit (1e9: record nanoseconds, expose seconds)
   * @param bounds bucket upper bounds in exposed units, ascending
   */
  public Histogram histogram(String name, String help, double scale, double... bounds) {
    return histograms(name, help, scale, bounds).labels();
  }

  /** A histogram per combination of label values, all with the same buckets. */
  public MetricFamily<Histogram> histograms(String name, String help, double scale, double[] bounds,
      String... labelNames) {
    double[] copy = bounds.clone();
    new Histogram(scale, copy); // checks the bounds now rather than on first use
    return family(Type.HISTOGRAM, name, help, labelNames, () -> new Histogram(scale, copy));
  }

  /** A counter kept elsewhere (e.g. by the JVM), read from {@code value} at every scrape. */
  public void counter(String name, String help, DoubleSupplier value) {
    MetricFamily<DoubleSupplier> family = family(Type.COUNTER, name, help, new String[0], () -> null);
    family.put(List.of(), value);
  }

  /** A gauge read from {@code value} at every scrape. */
  public void gauge(String name, String help, DoubleSupplier value) {
    gauge(name, help, List.of(), List.of(), value);
  }

  /** One labelled child of a gauge, read from {@code value} at every scrape. */
  public void gauge(String name, String help, List<String> labelNames, List<String> labelValues,
      DoubleSupplier value) {
    MetricFamily<DoubleSupplier> family =
        family(Type.GAUGE, name, help, labelNames.toArray(String[]::new), () -> null);
    family.put(labelValues, value);
  }

  @SuppressWarnings("unchecked")
  private synchronized <T> MetricFamily<T> family(Type type, String name, String help, String[] labelNames,
      java.util.function.Supplier<T> factory) {
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("not a Prometheus metric name: " + name);
    }
    Registered existing = metrics.get(name);
    if (existing != null) {
      if (existing.type != type || !existing.family.labelNames().equals(List.of(labelNames))) {
        throw new IllegalArgumentException(name + " is already registered as a " + existing.type.exposed
            + " with labels " + existing.family.labelNames());
      }
      return (MetricFamily<T>) existing.family;
    }
    MetricFamily<T> family = new MetricFamily<>(name, help, List.of(labelNames), factory);
    metrics.put(name, new Registered(type, family));
    return family;
  }

  /** Every metric in Prometheus text format. */
  public String scrape() {
    List<Registered> all;
    synchronized (this) {
      all = new ArrayList<>(metrics.values());
    }
    StringBuilder sb = new StringBuilder(4096);
    PrometheusText out = new PrometheusText(sb);
    for (Registered r : all) {
      MetricFamily<?> f = r.family;
      out.header(f.name(), f.help(), r.type.exposed);
      for (Map.Entry<List<String>, ?> child : sorted(f.children())) {
        write(out, r.type, f, child.getKey(), child.getValue());
      }
    }
    return sb.toString();
  }

  private static void write(PrometheusText out, Type type, MetricFamily<?> f, List<String> values, Object child) {
    List<String> names = f.labelNames();
    switch (type) {
      case COUNTER -> out.sample(f.name(), names, values, null, null,
          child instanceof Counter c ? c.get() : ((DoubleSupplier) child).getAsDouble());
      case GAUGE -> out.sample(f.name(), names, values, null, null, ((DoubleSupplier) child).getAsDouble());
      case HISTOGRAM -> {
        Histogram h = (Histogram) child;
        double[] bounds = h.exposedBounds();
        long[] counts = h.cumulativeCounts();
        for (int i = 0; i < bounds.length; i++) {
          out.sample(f.name() + "_bucket", names, values, "le", PrometheusText.number(bounds[i]), counts[i]);
        }
        out.sample(f.name() + "_bucket", names, values, "le", "+Inf", counts[bounds.length]);
        out.sample(f.name() + "_sum", names, values, null, null, h.exposedSum());
        out.sample(f.name() + "_count", names, values, null, null, counts[bounds.length]);
      }
      default -> throw new IllegalStateException(type.toString());
    }
  }

  private static <T> List<Map.Entry<List<String>, T>> sorted(Map<List<String>, T> children) {
    List<Map.Entry<List<String>, T>> entries = new ArrayList<>(children.entrySet());
    entries.sort(Comparator.comparing(e -> String.join("\u0000", e.getKey())));
    return entries;
  }
}
