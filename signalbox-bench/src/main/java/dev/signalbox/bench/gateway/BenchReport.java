package dev.signalbox.bench.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The side-by-side table and {@code results.json} of a gateway benchmark run: every target's
 * median round per load, what each adds over direct-to-mock, and Signalbox's ratios to nginx and
 * to Portkey.
 */
final class BenchReport {
  private final Map<String, Map<Load, LoadStats>> stats;
  private final Map<String, Long> peakRssKb;

  /**
   * @param stats per target (in column order), per load
   * @param peakRssKb per target, the peak resident set of its processes over the whole run
   */
  BenchReport(Map<String, Map<Load, LoadStats>> stats, Map<String, Long> peakRssKb) {
    this.stats = stats;
    this.peakRssKb = peakRssKb;
  }

  LoadStats get(String target, Load load) {
    Map<Load, LoadStats> byLoad = stats.get(target);
    return byLoad == null ? null : byLoad.get(load);
  }

  /** {@code results.json}: {"targets": {target: {load: {rps, p50_us, p99_us, ttfc_us, rss_mb}}}}. */
  Map<String, Object> results() {
    Map<String, Object> targets = new LinkedHashMap<>();
    stats.forEach((target, byLoad) -> {
      Map<String, Object> loads = new LinkedHashMap<>();
      for (Load load : Load.values()) {
        LoadStats s = byLoad.get(load);
        if (load.inResults() && s != null) {
          loads.put(load.key, fields(s));
        }
      }
      targets.put(target, loads);
    });
    return Map.of("targets", targets);
  }

  /** The same fields for the paced loads, which {@code results.json} leaves out. */
  Map<String, Object> pacedResults() {
    Map<String, Object> targets = new LinkedHashMap<>();
    stats.forEach((target, byLoad) -> {
      Map<String, Object> loads = new LinkedHashMap<>();
      for (Load load : Load.values()) {
        LoadStats s = byLoad.get(load);
        if (!load.inResults() && s != null) {
          loads.put(load.key, fields(s));
        }
      }
      targets.put(target, loads);
    });
    return targets;
  }

  private static Map<String, Object> fields(LoadStats s) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("rps", Double.isNaN(s.rps()) ? null : round1(s.rps()));
    f.put("p50_us", orNull(s.p50Us()));
    f.put("p99_us", orNull(s.p99Us()));
    f.put("ttfc_us", orNull(s.ttfcUs()));
    f.put("rss_mb", round1(s.rssMb()));
    return f;
  }

  /** The added latency of a target over direct-to-mock, per metric, in µs (NaN when unknown). */
  double added(String target, Load load, ToDoubleFunction<LoadStats> metric) {
    LoadStats s = get(target, load);
    LoadStats direct = get(Target.DIRECT, load);
    if (s == null || direct == null) {
      return Double.NaN;
    }
    double v = metric.applyAsDouble(s);
    double d = metric.applyAsDouble(direct);
    return v < 0 || d < 0 ? Double.NaN : v - d;
  }

  /** The table, one column per target plus Signalbox's ratios. */
  String table() {
    List<String> targets = new ArrayList<>(stats.keySet());
    List<String> peers = new ArrayList<>();
    for (String p : List.of(Target.NGINX, Target.PORTKEY)) {
      if (targets.contains(p)) {
        peers.add(p);
      }
    }
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of(""));
    header.addAll(targets);
    peers.forEach(p -> header.add("sbx ÷ " + p));
    rows.add(header.toArray(String[]::new));

    rate(rows, targets, peers, "c64 requests/s", Load.C64);
    pair(rows, targets, peers, "c64 latency p50 / p99 µs", Load.C64);
    cpu(rows, targets, peers, "c64 CPU µs per request", Load.C64);
    rate(rows, targets, peers, "c1 requests/s", Load.C1);
    pair(rows, targets, peers, "c1 latency p50 / p99 µs", Load.C1);
    addedRow(rows, targets, peers, "c1 added p50 µs", Load.C1, LoadStats::p50Us);
    addedRow(rows, targets, peers, "c1 added p99 µs", Load.C1, LoadStats::p99Us);
    rate(rows, targets, peers, "stream c1 requests/s", Load.STREAM_C1);
    pair(rows, targets, peers, "stream c1 latency p50 / p99 µs", Load.STREAM_C1);
    single(rows, targets, peers, "stream first chunk p50 µs", Load.STREAM_C1, LoadStats::ttfcUs);
    addedRow(rows, targets, peers, "stream added first chunk p50 µs", Load.STREAM_C1, LoadStats::ttfcUs);
    rate(rows, targets, peers, "paced 20 ms c64 requests/s", Load.PACED_C64);
    single(rows, targets, peers, "paced stream first chunk p50 µs", Load.PACED_STREAM_C1, LoadStats::ttfcUs);
    single(rows, targets, peers, "paced stream complete p50 µs", Load.PACED_STREAM_C1, LoadStats::p50Us);
    memory(rows, targets, peers);
    return render(rows);
  }

  /**
   * The target/load figures that come from busy runs only (other processes took at least 10% of
   * the CPU in every round): less trustworthy than the rest.
   */
  List<String> busyCells() {
    List<String> busy = new ArrayList<>();
    stats.forEach((target, byLoad) -> byLoad.forEach((load, s) -> {
      if (!s.quiet()) {
        busy.add(target + " " + load.key);
      }
    }));
    return busy;
  }

  /** The targets, each with the measured figure and whether it is met. */
  List<String> targets() {
    List<String> lines = new ArrayList<>();
    double sbxRps = metric(Target.SIGNALBOX, Load.C64, LoadStats::rps);
    check(lines, "c64 requests/s >= 0.9x nginx", sbxRps / metric(Target.NGINX, Load.C64, LoadStats::rps), 0.9, true, "x",
        busy(Load.C64, Target.SIGNALBOX, Target.NGINX));
    check(lines, "c64 requests/s >= 10x portkey", sbxRps / metric(Target.PORTKEY, Load.C64, LoadStats::rps), 10, true,
        "x", busy(Load.C64, Target.SIGNALBOX, Target.PORTKEY));
    check(lines, "c1 added p50 <= 60 us", added(Target.SIGNALBOX, Load.C1, LoadStats::p50Us), 60, false, " us",
        busy(Load.C1, Target.SIGNALBOX, Target.DIRECT));
    check(lines, "c1 added p99 <= 300 us", added(Target.SIGNALBOX, Load.C1, LoadStats::p99Us), 300, false, " us",
        busy(Load.C1, Target.SIGNALBOX, Target.DIRECT));
    check(lines, "added first chunk p50 <= 100 us", added(Target.SIGNALBOX, Load.STREAM_C1, LoadStats::ttfcUs), 100,
        false, " us", busy(Load.STREAM_C1, Target.SIGNALBOX, Target.DIRECT));
    Long rss = peakRssKb.get(Target.SIGNALBOX);
    check(lines, "peak RSS <= 256 MB", rss == null ? Double.NaN : rss / 1024.0, 256, false, " MB", false);
    LoadStats stream = get(Target.SIGNALBOX, Load.STREAM_C1);
    if (stream != null && stream.overheadUs() >= 0) {
      lines.add("Signalbox's own x-signalbox-overhead-us, median of the streaming probe: " + stream.overheadUs() + " us");
    }
    return lines;
  }

  /** Whether a figure compares numbers of which one comes from busy runs only. */
  private boolean busy(Load load, String... targets) {
    for (String t : targets) {
      LoadStats s = get(t, load);
      if (s != null && !s.quiet()) {
        return true;
      }
    }
    return false;
  }

  private static void check(List<String> lines, String target, double value, double limit, boolean atLeast,
      String unit, boolean busy) {
    String verdict = Double.isNaN(value) ? "not measured"
        : (atLeast ? value >= limit : value <= limit) ? "met" : "NOT met";
    lines.add(String.format(Locale.ROOT, "%-34s %-12s %s", target,
        Double.isNaN(value) ? "—" : String.format(Locale.ROOT, unit.equals("x") ? "%.2f%s" : "%.0f%s", value, unit),
        verdict + (busy ? " (from busy runs)" : "")));
  }

  private void rate(List<String[]> rows, List<String> targets, List<String> peers, String label, Load load) {
    List<String> row = new ArrayList<>(List.of(label));
    for (String t : targets) {
      LoadStats s = get(t, load);
      row.add(s == null || Double.isNaN(s.rps()) ? "—" : String.format(Locale.ROOT, "%,.0f", s.rps()));
    }
    for (String p : peers) {
      row.add(ratio(metric(Target.SIGNALBOX, load, LoadStats::rps), metric(p, load, LoadStats::rps)));
    }
    rows.add(row.toArray(String[]::new));
  }

  private void cpu(List<String[]> rows, List<String> targets, List<String> peers, String label, Load load) {
    List<String> row = new ArrayList<>(List.of(label));
    for (String t : targets) {
      double v = metric(t, load, LoadStats::cpuUsPerRequest);
      row.add(Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", v));
    }
    for (String p : peers) {
      row.add(ratio(metric(Target.SIGNALBOX, load, LoadStats::cpuUsPerRequest),
          metric(p, load, LoadStats::cpuUsPerRequest)));
    }
    rows.add(row.toArray(String[]::new));
  }

  private void pair(List<String[]> rows, List<String> targets, List<String> peers, String label, Load load) {
    List<String> row = new ArrayList<>(List.of(label));
    for (String t : targets) {
      LoadStats s = get(t, load);
      row.add(s == null || s.p50Us() < 0 ? "—" : us(s.p50Us()) + " / " + us(s.p99Us()));
    }
    peers.forEach(p -> row.add(""));
    rows.add(row.toArray(String[]::new));
  }

  private void single(List<String[]> rows, List<String> targets, List<String> peers, String label, Load load,
      ToDoubleFunction<LoadStats> metric) {
    List<String> row = new ArrayList<>(List.of(label));
    for (String t : targets) {
      double v = metric(t, load, metric);
      row.add(Double.isNaN(v) || v < 0 ? "—" : us((long) v));
    }
    peers.forEach(p -> row.add(""));
    rows.add(row.toArray(String[]::new));
  }

  private void addedRow(List<String[]> rows, List<String> targets, List<String> peers, String label, Load load,
      ToDoubleFunction<LoadStats> metric) {
    List<String> row = new ArrayList<>(List.of(label));
    for (String t : targets) {
      double v = added(t, load, metric);
      row.add(t.equals(Target.DIRECT) || Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%+,.0f", v));
    }
    for (String p : peers) {
      double mine = added(Target.SIGNALBOX, load, metric);
      double theirs = added(p, load, metric);
      row.add(theirs > 0 && mine >= 0 ? ratio(mine, theirs) : "—");
    }
    rows.add(row.toArray(String[]::new));
  }

  private void memory(List<String[]> rows, List<String> targets, List<String> peers) {
    List<String> row = new ArrayList<>(List.of("peak RSS MB"));
    for (String t : targets) {
      Long kb = peakRssKb.get(t);
      row.add(kb == null || kb == 0 ? "—" : String.format(Locale.ROOT, "%.0f", kb / 1024.0));
    }
    for (String p : peers) {
      Long mine = peakRssKb.get(Target.SIGNALBOX);
      Long theirs = peakRssKb.get(p);
      row.add(mine == null || theirs == null || theirs == 0 ? "—" : ratio(mine, theirs));
    }
    rows.add(row.toArray(String[]::new));
  }

  private double metric(String target, Load load, ToDoubleFunction<LoadStats> metric) {
    LoadStats s = get(target, load);
    return s == null ? Double.NaN : metric.applyAsDouble(s);
  }

  private static String ratio(double mine, double theirs) {
    if (Double.isNaN(mine) || Double.isNaN(theirs) || theirs == 0) {
      return "—";
    }
    double r = mine / theirs;
    return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : r >= 1 ? "%.2f×" : "%.3f×", r);
  }

  private static String us(long micros) {
    return String.format(Locale.ROOT, "%,d", micros);
  }

  private static String render(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      sb.append("| ").append(pad(r[0], width[0], false));
      for (int c = 1; c < cols; c++) {
        sb.append(" | ").append(pad(r[c], width[c], true));
      }
      sb.append(" |\n");
      if (i == 0) {
        sb.append("|").append("-".repeat(width[0] + 2));
        for (int c = 1; c < cols; c++) {
          sb.append("|").append("-".repeat(width[c] + 1)).append(":");
        }
        sb.append("|\n");
      }
    }
    return sb.toString();
  }

  private static String pad(String s, int width, boolean right) {
    String space = " ".repeat(Math.max(0, width - s.length()));
    return right ? space + s : s + space;
  }

  private static Long orNull(long v) {
    return v < 0 ? null : v;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
