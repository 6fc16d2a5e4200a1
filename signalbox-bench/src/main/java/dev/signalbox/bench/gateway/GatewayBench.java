package dev.signalbox.bench.gateway;

import dev.signalbox.core.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the gateway benchmark, inside whatever network namespace the caller arranged: starts
 * the mock and the targets, warms them, measures every load in interleaved rounds, stops every
 * process it started, and writes the table, {@code results.json} and {@code run.json}.
 */
final class GatewayBench {
  private static final int PROBE_WARMUP = 200;
  private static final int PROBE_COUNT = 2_000;
  private static final int PACED_PROBE_COUNT = 40;
  private static final int WARMUP_LIMIT_S = 180;

  private final BenchSetup setup;
  private final List<String> peers;
  private final Path portkeyDir;
  private final int seconds;
  private final int rounds;
  private final int warmupSeconds;
  private final Map<String, Object> meta;
  private final List<String> notes = new ArrayList<>();
  private final List<BenchProcess> started = new ArrayList<>();
  private final List<Double> othersCpuPct = new ArrayList<>();

  /**
   * @param peers the peers to run besides direct and Signalbox (nginx, portkey)
   * @param portkeyDir Portkey's npm install (null: not available)
   * @param meta facts about the machine and versions, written to {@code run.json}
   */
  GatewayBench(BenchSetup setup, List<String> peers, Path portkeyDir, int seconds, int rounds, int warmupSeconds,
      Map<String, Object> meta, List<String> notes) {
    this.setup = setup;
    this.peers = peers;
    this.portkeyDir = portkeyDir;
    this.seconds = seconds;
    this.rounds = rounds;
    this.warmupSeconds = warmupSeconds;
    this.meta = meta;
    this.notes.addAll(notes);
  }

  /** Runs it; returns the report (also written to the output folder). */
  BenchReport run() throws IOException, InterruptedException {
    Files.createDirectories(setup.work());
    Thread stopper = new Thread(this::stopAll, "bench-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      Map<Target, BenchProcess> targets = startAll();
      Wrk wrk = new Wrk(setup.loadCpu(), setup.work());
      Map<String, Map<Load, LoadStats>> stats = new LinkedHashMap<>();
      targets.keySet().forEach(t -> stats.put(t.name(), new EnumMap<>(Load.class)));
      warmUp(targets, wrk);
      List<Target> order = new ArrayList<>(targets.keySet());
      for (int round = 0; round < rounds; round++) {
        System.out.printf("round %d of %d%n", round + 1, rounds);
        for (Load load : Load.values()) {
          for (Target t : order) {
            measure(t, targets.get(t), load, wrk, stats.get(t.name()).computeIfAbsent(load, l -> new LoadStats()),
                round == 0);
          }
        }
        Collections.rotate(order, 1);
      }
      Map<String, Long> peaks = new LinkedHashMap<>();
      targets.forEach((t, p) -> peaks.put(t.name(), ProcessMemory.peakKb(p.pids())));
      BenchReport report = new BenchReport(stats, peaks);
      noteInterference();
      write(report);
      return report;
    } finally {
      stopAll();
      Runtime.getRuntime().removeShutdownHook(stopper);
    }
  }

  private Map<Target, BenchProcess> startAll() throws IOException, InterruptedException {
    TargetProcesses launch = new TargetProcesses(setup);
    int mockPort = TargetProcesses.freePort();
    BenchProcess mock = track(launch.startMock(mockPort));
    Map<Target, BenchProcess> targets = new LinkedHashMap<>();
    Target direct = new Target(Target.DIRECT, mockPort, mockPort);
    require(launch.awaitReady(direct, mock, 60), direct);
    targets.put(direct, mock);
    if (peers.contains(Target.NGINX)) {
      Target nginx = new Target(Target.NGINX, TargetProcesses.freePort(), mockPort);
      start(launch, nginx, launch.startNginx(nginx.port(), mockPort), targets);
    }
    if (peers.contains(Target.PORTKEY) && portkeyDir != null) {
      Target portkey = new Target(Target.PORTKEY, TargetProcesses.freePort(), mockPort);
      start(launch, portkey, launch.startPortkey(portkeyDir, portkey.port()), targets);
    }
    Target signalbox = new Target(Target.SIGNALBOX, TargetProcesses.freePort(), mockPort);
    BenchProcess sbx = track(launch.startSignalbox(signalbox.port(), mockPort));
    require(launch.awaitReady(signalbox, sbx, 300), signalbox);
    targets.put(signalbox, sbx);
    return targets;
  }

  private void start(TargetProcesses launch, Target target, BenchProcess process, Map<Target, BenchProcess> targets)
      throws InterruptedException {
    track(process);
    String problem = launch.awaitReady(target, process, 60);
    if (problem.isEmpty()) {
      targets.put(target, process);
    } else {
      note(target.name() + " left out: " + problem);
      process.close();
    }
  }

  private static void require(String problem, Target target) throws IOException {
    if (!problem.isEmpty()) {
      throw new IOException(target.name() + " did not start: " + problem);
    }
  }

  private BenchProcess track(BenchProcess p) {
    started.add(p);
    System.out.printf("started %s (pid %d)%n", p.name(), p.pid());
    return p;
  }

  /**
   * Loads each target until it is warm, in cycles of every unpaced load (c64 for 2 s, then c1 and
   * a stream for 1 s each): three cycles in a row whose c64 throughput is none more than 5% above
   * the best so far, the last with the target's JIT compiler threads (if any) under 2% of a core,
   * after at least {@code warmupSeconds}, at most {@link #WARMUP_LIMIT_S}. A JVM pinned to one core
   * compiles its hot paths for 20–40 s of load, the compiler taking a fifth to a third of the core
   * meanwhile, and compiles again when a load it has not seen (a stream after c64) changes its
   * profile; measuring before that would time the compiler.
   */
  private void warmUp(Map<Target, BenchProcess> targets, Wrk wrk) throws IOException, InterruptedException {
    for (Map.Entry<Target, BenchProcess> e : targets.entrySet()) {
      Target t = e.getKey();
      List<Long> pids = e.getValue().pids();
      long start = System.nanoTime();
      double best = 0;
      int flat = 0;
      int cycles = 0;
      while (true) {
        long compilerBefore = CpuTicks.compilerTicks(pids);
        long cycleStart = System.nanoTime();
        double rps = wrk.run(t, Load.C64, Load.C64.connections, 2).rps();
        wrk.run(t, Load.C1, Load.C1.connections, 1);
        wrk.run(t, Load.STREAM_C1, Load.STREAM_C1.connections, 1);
        double compilerShare = (CpuTicks.compilerTicks(pids) - compilerBefore) / CpuTicks.TICKS_PER_SECOND
            / ((System.nanoTime() - cycleStart) / 1e9);
        cycles++;
        flat = rps > best * 1.05 ? 0 : flat + 1;
        best = Math.max(best, rps);
        double elapsed = (System.nanoTime() - start) / 1e9;
        boolean settled = flat >= 3 && compilerShare < 0.02 && elapsed >= warmupSeconds;
        if (settled || elapsed >= WARMUP_LIMIT_S) {
          System.out.printf("warmed up %s: %d cycles, %.0f s, best c64 %,.0f req/s, JIT compiler %.1f%% of a core%s%n",
              t.name(), cycles, elapsed, best, 100 * compilerShare, settled ? "" : " (time limit)");
          if (!settled) {
            note(t.name() + " was still warming up after " + WARMUP_LIMIT_S + " s of load");
          }
          break;
        }
      }
      FirstChunkProbe.run(t, Load.STREAM_C1, PROBE_WARMUP, 0);
    }
  }

  private void measure(Target target, BenchProcess process, Load load, Wrk wrk, LoadStats into, boolean firstRound)
      throws IOException, InterruptedException {
    if (load.wrk) {
      Interference others = new Interference();
      try (RssSampler rss = new RssSampler(process)) {
        long cpuBefore = CpuTicks.of(process.pids());
        Wrk.Result r = wrk.run(target, load, load.connections, seconds);
        long cpu = CpuTicks.of(process.pids()) - cpuBefore;
        double othersPct = others.pct();
        othersCpuPct.add(othersPct);
        into.addWrk(r, cpu, rss.stop(), othersPct);
        System.out.printf("  %-9s %-15s %,9.0f req/s  p50 %,7d µs  p99 %,7d µs  other processes %4.1f%% CPU%s%n",
            target.name(), load.key, r.rps(), r.p50Us(), r.p99Us(), othersPct,
            r.errors() > 0 ? "  errors " + r.errors() : "");
      }
    }
    if (load.probe && (!load.paced || firstRound)) {
      Interference others = new Interference();
      try (RssSampler rss = new RssSampler(process)) {
        int count = load.paced ? PACED_PROBE_COUNT : PROBE_COUNT;
        FirstChunkProbe.Result r = FirstChunkProbe.run(target, load, load.paced ? 2 : PROBE_WARMUP / 4, count);
        double othersPct = others.pct();
        into.addProbe(r, rss.stop(), othersPct);
        System.out.printf("  %-9s %-15s first chunk p50 %,7d µs  p99 %,7d µs  other processes %4.1f%% CPU%s%n",
            target.name(), load.key + " ⟶", r.ttfcP50Us(), r.ttfcP99Us(), othersPct,
            r.errors() > 0 ? "  errors " + r.errors() : "");
      }
    }
  }

  /** The share of the machine's CPU that processes this run did not start took since it was made. */
  private static final class Interference {
    private final Map<Long, Long> before = CpuTicks.othersSnapshot();
    private final long start = System.nanoTime();

    double pct() {
      double elapsed = (System.nanoTime() - start) / 1e9;
      return 100.0 * CpuTicks.othersUsed(before, CpuTicks.othersSnapshot())
          / (elapsed * CpuTicks.TICKS_PER_SECOND * CpuTicks.machineCpus());
    }
  }

  private void write(BenchReport report) throws IOException {
    Files.write(setup.out().resolve("results.json"),
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report.results()));
    Map<String, Object> run = new LinkedHashMap<>(meta);
    run.put("seconds_per_run", seconds);
    run.put("rounds", rounds);
    run.put("paced_loads", report.pacedResults());
    run.put("targets", report.targets());
    run.put("busy_figures", report.busyCells());
    run.put("notes", notes);
    Files.write(setup.out().resolve("run.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(run));
    Files.writeString(setup.out().resolve("table.md"), report.table());
  }

  /** Says how much of the machine processes the benchmark did not start took while it measured. */
  private void noteInterference() {
    double mean = othersCpuPct.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double max = othersCpuPct.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    meta.put("other_processes_cpu_pct", Map.of("mean", Math.round(mean * 10) / 10.0, "max", Math.round(max * 10) / 10.0));
    if (mean > 5) {
      note(String.format(java.util.Locale.ROOT, "other processes took %.0f%% of the machine's CPU on average "
          + "(up to %.0f%%) while this ran: figures are skewed, ratios less so", mean, max));
    }
  }

  private void note(String line) {
    notes.add(line);
    System.out.println("note: " + line);
  }

  private synchronized void stopAll() {
    for (int i = started.size() - 1; i >= 0; i--) {
      BenchProcess p = started.get(i);
      p.close();
      System.out.printf("stopped %s (pid %d)%n", p.name(), p.pid());
    }
    started.clear();
  }
}
