package dev.signalbox.gateway.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A metric with labels: one child (counter, histogram) per combination of label values. Look a
 * child up once and keep it: {@link #labels} allocates its key, recording on the child does not.
 *
 * @param <T> the child type
 */
public final class MetricFamily<T> {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Supplier<T> factory;
  private final Map<List<String>, T> children = new ConcurrentHashMap<>();

  MetricFamily(String name, String help, List<String> labelNames, Supplier<T> factory) {
    this.name = name;
    this.help = help;
    this.labelNames = List.copyOf(labelNames);
    this.factory = factory;
  }

  /** The child for these label values (one per label name, in order), created on first use. */
  public T labels(String... values) {
    if (values.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " has labels " + labelNames + ", got " + values.length + " values");
    }
    return children.computeIfAbsent(List.of(values), k -> factory.get());
  }

  /** Adds a child made elsewhere (a gauge's value source); replaces one with the same labels. */
  void put(List<String> values, T child) {
    if (values.size() != labelNames.size()) {
      throw new IllegalArgumentException(name + " has labels " + labelNames + ", got " + values);
    }
    children.put(List.copyOf(values), child);
  }

  String name() {
    return name;
  }

  String help() {
    return help;
  }

  List<String> labelNames() {
    return labelNames;
  }

  Map<List<String>, T> children() {
    return children;
  }
}
