package dev.signalbox.sim.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.signalbox.core.api.Json;
import dev.signalbox.report.plot.PlotFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's output: a table per workload, a plot of TTFT against load per workload (SVG and
 * PNG), the remapping table, and {@code results.json} shaped
 * {@code {"workloads": {w: {s: {capacity_rps, hit_rate, p50_ttft_ms, p99_ttft_ms}}},
 * "scaling": {s: {remapped_fraction}}}}, the metrics taken at each strategy's capacity; the
 * {@link PoolBench#IDEAL_CACHE} bound, when run, is listed with {@code "bound": true}.
 */
public final class PoolReport {
  /** The strategies Signalbox's best is measured against (the targets). */
  public static final List<String> BASELINES = List.of("least-outstanding", "chwbl", "prefix-tree");

  private final PoolBench.Setup setup;
  private final List<PoolBench.WorkloadResult> workloads;
  private final List<PoolBench.Remapping> scaling;

  public PoolReport(PoolBench.Setup setup, List<PoolBench.WorkloadResult> workloads,
      List<PoolBench.Remapping> scaling) {
    this.setup = setup;
    this.workloads = List.copyOf(workloads);
    this.scaling = List.copyOf(scaling);
  }

  /** {@code results.json} as a tree of maps. */
  public Map<String, Object> json() {
    Map<String, Object> byWorkload = new LinkedHashMap<>();
    for (PoolBench.WorkloadResult w : workloads) {
      Map<String, Object> byStrategy = new LinkedHashMap<>();
      for (PoolBench.Curve c : w.curves()) {
        PoolRunResult at = c.atCapacity();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("capacity_rps", round(c.capacity(), 2));
        m.put("hit_rate", at == null ? null : round(at.hitRate(), 4));
        m.put("p50_ttft_ms", at == null ? null : round(at.p50TtftMs(), 1));
        m.put("p99_ttft_ms", at == null ? null : round(at.p99TtftMs(), 1));
        if (c.strategy().equals(PoolBench.IDEAL_CACHE)) {
          m.put("bound", true);
        }
        byStrategy.put(c.strategy(), m);
      }
      byWorkload.put(w.workload(), byStrategy);
    }
    Map<String, Object> byScaling = new LinkedHashMap<>();
    for (PoolBench.Remapping r : scaling) {
      byScaling.put(r.strategy(), Map.of("remapped_fraction", round(r.fraction(), 4)));
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("workloads", byWorkload);
    root.put("scaling", byScaling);
    return root;
  }

  /** Writes {@code results.json} and the plots into {@code dir}; returns the files written. */
  public List<Path> write(Path dir) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      Path json = dir.resolve("results.json");
      Files.writeString(json, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(json()) + "\n", StandardCharsets.UTF_8);
      written.add(json);
      for (PoolBench.WorkloadResult w : workloads) {
        TtftPlot plot = new TtftPlot(w, setup.sloMs(), setup.replicas());
        written.addAll(PlotFiles.write(dir, "ttft-" + w.workload(), TtftPlot.WIDTH, TtftPlot.HEIGHT, plot::draw));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bench results to " + dir + ": " + e.getMessage(), e);
    }
    return written;
  }

  /** The tables and the targets, as text. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (PoolBench.WorkloadResult w : workloads) {
      out.append(table(w)).append('\n');
    }
    if (!scaling.isEmpty()) {
      out.append(scalingTable()).append('\n');
    }
    out.append(targets());
    return out.toString();
  }

  /** One workload's table: capacity, its ratio to round-robin, and the metrics at capacity. */
  String table(PoolBench.WorkloadResult w) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s — %d replicas, p90 TTFT SLO %s ms%n", w.workload(),
        setup.replicas(), TtftPlot.format(setup.sloMs())));
    out.append(String.format(Locale.ROOT, "  %-18s %12s %8s %9s %9s %9s %9s %10s%n", "strategy", "capacity rps",
        "× rr", "hit rate", "p50 ms", "p90 ms", "p99 ms", "imbalance"));
    double rr = capacity(w, "round-robin");
    for (PoolBench.Curve c : w.curves()) {
      PoolRunResult at = c.atCapacity();
      out.append(String.format(Locale.ROOT, "  %-18s %12.2f %8s %9s %9s %9s %9s %10s%n", c.strategy(), c.capacity(),
          rr > 0 ? String.format(Locale.ROOT, "%.2f", c.capacity() / rr) : "-",
          at == null ? "-" : String.format(Locale.ROOT, "%.3f", at.hitRate()),
          at == null ? "-" : String.format(Locale.ROOT, "%.0f", at.p50TtftMs()),
          at == null ? "-" : String.format(Locale.ROOT, "%.0f", at.p90TtftMs()),
          at == null ? "-" : String.format(Locale.ROOT, "%.0f", at.p99TtftMs()),
          at == null ? "-" : String.format(Locale.ROOT, "%.2f", at.imbalance())));
    }
    if (has(w, PoolBench.IDEAL_CACHE)) {
      out.append("  (ideal-cache is a bound, not a strategy: least-outstanding over replicas holding every prefix sent before)\n");
    }
    return out.toString();
  }

  String scalingTable() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "Scaling — share of 2,000 prefixes placed elsewhere when a replica joins (%d→%d) or leaves (%d→%d); 2/N = %.3f%n",
        setup.replicas(), setup.replicas() + 1, setup.replicas(), setup.replicas() - 1, 2.0 / setup.replicas()));
    out.append(String.format(Locale.ROOT, "  %-18s %8s %8s%n", "strategy", "joins", "leaves"));
    for (PoolBench.Remapping r : scaling) {
      out.append(String.format(Locale.ROOT, "  %-18s %8.3f %8.3f%n", r.strategy(), r.added(), r.removed()));
    }
    return out.toString();
  }

  /**
   * The targets, for the strategy with the highest capacity on each workload that shares
   * prefixes, and for the same strategy on the control.
   */
  String targets() {
    StringBuilder out = new StringBuilder("Targets\n");
    for (PoolBench.WorkloadResult w : workloads) {
      if (w.workload().equals("no-sharing")) {
        continue;
      }
      PoolBench.Curve best = w.curves().stream().filter(c -> !c.strategy().equals(PoolBench.IDEAL_CACHE))
          .max((a, b) -> Double.compare(a.capacity(), b.capacity())).orElseThrow();
      double rr = capacity(w, "round-robin");
      double baseline = 0;
      String baselineName = "-";
      for (String b : BASELINES) {
        if (capacity(w, b) > baseline) {
          baseline = capacity(w, b);
          baselineName = b;
        }
      }
      out.append(String.format(Locale.ROOT, "  %-22s best %s: %s %.2f× round-robin (≥ 2), %s %.2f× %s (≥ 1.2)%n",
          w.workload(), best.strategy(), mark(rr > 0 && best.capacity() >= 2 * rr), ratio(best.capacity(), rr),
          mark(baseline > 0 && best.capacity() >= 1.2 * baseline), ratio(best.capacity(), baseline), baselineName));
      if (has(w, PoolBench.IDEAL_CACHE)) {
        double bound = capacity(w, PoolBench.IDEAL_CACHE);
        out.append(String.format(Locale.ROOT, "  %-22s bound: ideal-cache %.2f× round-robin, %.2f× %s%n", "",
            ratio(bound, rr), ratio(bound, baseline), baselineName));
      }
    }
    for (PoolBench.WorkloadResult w : workloads) {
      if (w.workload().equals("no-sharing") && has(w, "least-outstanding")) {
        double lo = capacity(w, "least-outstanding");
        for (PoolBench.Curve c : w.curves()) {
          if (!BASELINES.contains(c.strategy()) && !List.of("round-robin", "p2c", PoolBench.IDEAL_CACHE).contains(c.strategy())) {
            out.append(String.format(Locale.ROOT, "  %-22s %s: %s %.2f× least-outstanding (≥ 0.95)%n", w.workload(),
                c.strategy(), mark(c.capacity() >= 0.95 * lo), ratio(c.capacity(), lo)));
          }
        }
      }
    }
    for (PoolBench.Remapping r : scaling) {
      if (!List.of("round-robin", "least-outstanding", "p2c").contains(r.strategy())) {
        out.append(String.format(Locale.ROOT, "  %-22s %s: %s remaps %.3f (≤ 2/N = %.3f)%n", "scaling", r.strategy(),
            mark(r.fraction() <= 2.0 / setup.replicas()), r.fraction(), 2.0 / setup.replicas()));
      }
    }
    return out.toString();
  }

  private static boolean has(PoolBench.WorkloadResult w, String strategy) {
    return w.curves().stream().anyMatch(c -> c.strategy().equals(strategy));
  }

  private static double capacity(PoolBench.WorkloadResult w, String strategy) {
    return has(w, strategy) ? w.curve(strategy).capacity() : 0;
  }

  private static double ratio(double a, double b) {
    return b > 0 ? a / b : Double.NaN;
  }

  private static String mark(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static Double round(double v, int places) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    double scale = Math.pow(10, places);
    return Math.round(v * scale) / scale;
  }
}
