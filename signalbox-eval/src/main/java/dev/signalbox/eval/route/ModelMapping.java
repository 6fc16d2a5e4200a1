package dev.signalbox.eval.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration's catalog models onto a trace's models: by name, or as {@code --map
 * CATALOG=TRACE} says. A route that chooses a model the trace does not have cannot be scored.
 */
public final class ModelMapping {
  private final List<String> catalog;
  private final List<String> trace;
  private final Map<String, String> mapped;

  private ModelMapping(List<String> catalog, List<String> trace, Map<String, String> mapped) {
    this.catalog = List.copyOf(catalog);
    this.trace = List.copyOf(trace);
    this.mapped = mapped;
  }

  /**
   * Maps each catalog model to the trace model {@code explicit} names for it, else to the trace
   * model of the same name; fails on a {@code --map} that names an unknown model, or when no
   * catalog model is in the trace.
   */
  public static ModelMapping of(List<String> catalog, List<String> trace, Map<String, String> explicit) {
    Map<String, String> mapped = new LinkedHashMap<>();
    for (var e : explicit.entrySet()) {
      if (!catalog.contains(e.getKey())) {
        throw new IllegalArgumentException("--map " + e.getKey() + "=" + e.getValue() + ": the configuration has no model '"
            + e.getKey() + "'; its models: " + String.join(", ", catalog));
      }
      if (!trace.contains(e.getValue())) {
        throw new IllegalArgumentException("--map " + e.getKey() + "=" + e.getValue() + ": the trace has no model '"
            + e.getValue() + "'; its models: " + String.join(", ", trace));
      }
    }
    for (String model : catalog) {
      String to = explicit.getOrDefault(model, trace.contains(model) ? model : null);
      if (to != null) {
        mapped.put(model, to);
      }
    }
    if (mapped.isEmpty()) {
      throw new IllegalArgumentException("none of the configuration's models (" + String.join(", ", catalog)
          + ") is in the trace (" + String.join(", ", trace) + "); map them with --map CATALOG=TRACE");
    }
    return new ModelMapping(catalog, trace, mapped);
  }

  /** The trace model's index for a catalog model, or -1 when it has none. */
  public int traceIndex(String catalogModel) {
    String to = mapped.get(catalogModel);
    return to == null ? -1 : trace.indexOf(to);
  }

  /**
   * The trace model's index for a model a route chose (or may choose); fails naming both lists when
   * there is none, the message starting with {@code who}, e.g. {@code route:auto on record 7 chose}.
   */
  public int require(String catalogModel, String who) {
    int at = traceIndex(catalogModel);
    if (at < 0) {
      throw new IllegalArgumentException(who + " model '" + catalogModel + "', which the trace does not have;"
          + " the trace's models: " + String.join(", ", trace) + "; the configuration's: " + String.join(", ", catalog)
          + " (mapped: " + describe() + "); map it with --map " + catalogModel + "=TRACE_MODEL");
    }
    return at;
  }

  /** The catalog models that stand for a trace model. */
  public List<String> catalogModels(String traceModel) {
    List<String> out = new ArrayList<>();
    mapped.forEach((from, to) -> {
      if (to.equals(traceModel)) {
        out.add(from);
      }
    });
    return out;
  }

  /**
   * How the models map, briefly: {@code 2 by name, gpt4=gpt-4-1106-preview; not in the trace: spare}
   * (each catalog model mapped by name counted, each mapped to another name shown).
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    long same = mapped.entrySet().stream().filter(e -> e.getKey().equals(e.getValue())).count();
    if (same > 0) {
      parts.add(same + " by name");
    }
    mapped.forEach((from, to) -> {
      if (!from.equals(to)) {
        parts.add(from + "=" + to);
      }
    });
    List<String> missing = catalog.stream().filter(m -> !mapped.containsKey(m)).toList();
    return String.join(", ", parts) + (missing.isEmpty() ? "" : "; not in the trace: " + String.join(", ", missing));
  }
}
