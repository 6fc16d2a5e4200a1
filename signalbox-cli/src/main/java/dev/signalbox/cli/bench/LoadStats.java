package dev.signalbox.cli.bench;

import java.util.ArrayList;
import java.util.List;

/** What the rounds measured for one target under one load; the summary is the median round. */
final class LoadStats {
  private final List<Double> rps = new ArrayList<>();
  private final List<Long> p50 = new ArrayList<>();
  private final List<Long> p99 = new ArrayList<>();
  private final List<Long> ttfc = new ArrayList<>();
  private final List<Long> ttfcP99 = new ArrayList<>();
  private final List<Long> overhead = new ArrayList<>();
  private final List<Double> cpuUsPerRequest = new ArrayList<>();
  private long peakRssKb;
  private long errors;

  /** Adds a wrk run, with the target's CPU time over it (ticks) and the most memory seen. */
  void addWrk(Wrk.Result r, long cpuTicks, long rssKb) {
    rps.add(r.rps());
    if (r.requests() > 0) {
      cpuUsPerRequest.add(cpuTicks * 1e6 / CpuTicks.TICKS_PER_SECOND / r.requests());
    }
    p50.add(r.p50Us());
    p99.add(r.p99Us());
    errors += r.errors();
    peakRssKb = Math.max(peakRssKb, rssKb);
  }

  /** Adds a probe's first-chunk times; {@code latencyToo}: also its total latency (no wrk run). */
  void addProbe(FirstChunkProbe.Result r, long rssKb, boolean latencyToo) {
    if (r.ttfcP50Us() >= 0) {
      ttfc.add(r.ttfcP50Us());
      ttfcP99.add(r.ttfcP99Us());
      if (latencyToo) {
        p50.add(r.totalP50Us());
        p99.add(r.totalP99Us());
      }
    }
    if (r.overheadP50Us() >= 0) {
      overhead.add(r.overheadP50Us());
    }
    errors += r.errors();
    peakRssKb = Math.max(peakRssKb, rssKb);
  }

  /** Requests per second (median round), or NaN when not measured. */
  double rps() {
    return rps.isEmpty() ? Double.NaN : medianDouble(rps);
  }

  /** The target's CPU time per request, µs (median round), or NaN when not measured. */
  double cpuUsPerRequest() {
    return cpuUsPerRequest.isEmpty() ? Double.NaN : medianDouble(cpuUsPerRequest);
  }

  /** Median latency in µs (median round), or -1. */
  long p50Us() {
    return median(p50);
  }

  long p99Us() {
    return median(p99);
  }

  /** Median time to the first streamed chunk in µs, or -1. */
  long ttfcUs() {
    return median(ttfc);
  }

  long ttfcP99Us() {
    return median(ttfcP99);
  }

  /** Median of Signalbox's own {@code x-signalbox-overhead-us}, or -1. */
  long overheadUs() {
    return median(overhead);
  }

  /** The most resident memory seen while under this load, in MB. */
  double rssMb() {
    return peakRssKb / 1024.0;
  }

  long errors() {
    return errors;
  }

  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static double medianDouble(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((sorted.size() - 1) / 2);
  }
}
