package dev.signalbox.bench.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the rounds measured for one target under one load. Each run carries how much CPU other
 * processes took while it ran; a summary is the median over the quiet runs (others under
 * {@value #QUIET_PCT}% of the machine) when there is one, else over all runs: on a shared machine
 * a single busy run can halve a target's throughput, and a median over mostly busy runs is noise.
 */
final class LoadStats {
  /** Other processes' share of the machine's CPU below which a run counts as quiet. */
  static final double QUIET_PCT = 10;

  /** One wrk run or probe run; fields a kind of run does not measure are NaN. */
  private record Run(double rps, double p50, double p99, double ttfc, double ttfcP99, double overhead,
      double cpuUs, double othersPct) {}

  private final List<Run> wrkRuns = new ArrayList<>();
  private final List<Run> probeRuns = new ArrayList<>();
  private long peakRssKb;
  private long errors;

  /** Adds a wrk run: the target's CPU time over it (ticks), the most memory seen, others' CPU share. */
  void addWrk(Wrk.Result r, long cpuTicks, long rssKb, double othersPct) {
    double cpuUs = r.requests() > 0 ? cpuTicks * 1e6 / CpuTicks.TICKS_PER_SECOND / r.requests() : Double.NaN;
    wrkRuns.add(new Run(r.rps(), r.p50Us(), r.p99Us(), Double.NaN, Double.NaN, Double.NaN, cpuUs, othersPct));
    errors += r.errors();
    peakRssKb = Math.max(peakRssKb, rssKb);
  }

  /** Adds a probe run (time to first chunk, and its total latency, used when wrk does not run). */
  void addProbe(FirstChunkProbe.Result r, long rssKb, double othersPct) {
    if (r.ttfcP50Us() >= 0) {
      probeRuns.add(new Run(Double.NaN, r.totalP50Us(), r.totalP99Us(), r.ttfcP50Us(), r.ttfcP99Us(),
          r.overheadP50Us() >= 0 ? r.overheadP50Us() : Double.NaN, Double.NaN, othersPct));
    }
    errors += r.errors();
    peakRssKb = Math.max(peakRssKb, rssKb);
  }

  /** Requests per second, or NaN when not measured. */
  double rps() {
    return median(wrkRuns, Run::rps);
  }

  /** The target's CPU time per request, µs, or NaN when not measured. */
  double cpuUsPerRequest() {
    return median(wrkRuns, Run::cpuUs);
  }

  /** Median latency in µs (from wrk, or from the probe where wrk does not run), or -1. */
  long p50Us() {
    return asLong(median(latencyRuns(), Run::p50));
  }

  long p99Us() {
    return asLong(median(latencyRuns(), Run::p99));
  }

  /** Median time to the first streamed chunk in µs, or -1. */
  long ttfcUs() {
    return asLong(median(probeRuns, Run::ttfc));
  }

  long ttfcP99Us() {
    return asLong(median(probeRuns, Run::ttfcP99));
  }

  /** Median of Signalbox's own {@code x-signalbox-overhead-us}, or -1. */
  long overheadUs() {
    return asLong(median(probeRuns, Run::overhead));
  }

  /** The most resident memory seen while under this load, in MB. */
  double rssMb() {
    return peakRssKb / 1024.0;
  }

  long errors() {
    return errors;
  }

  /** Whether the summary comes from quiet runs only. */
  boolean quiet() {
    List<Run> runs = wrkRuns.isEmpty() ? probeRuns : wrkRuns;
    return !runs.isEmpty() && runs.stream().anyMatch(r -> r.othersPct < QUIET_PCT);
  }

  private List<Run> latencyRuns() {
    return wrkRuns.isEmpty() ? probeRuns : wrkRuns;
  }

  private static double median(List<Run> runs, ToDoubleFunction<Run> field) {
    List<Run> chosen = runs.stream().filter(r -> r.othersPct < QUIET_PCT).toList();
    if (chosen.isEmpty()) {
      chosen = runs;
    }
    double[] values = chosen.stream().mapToDouble(field).filter(v -> !Double.isNaN(v)).sorted().toArray();
    return values.length == 0 ? Double.NaN : values[(values.length - 1) / 2];
  }

  private static long asLong(double v) {
    return Double.isNaN(v) ? -1 : Math.round(v);
  }
}
