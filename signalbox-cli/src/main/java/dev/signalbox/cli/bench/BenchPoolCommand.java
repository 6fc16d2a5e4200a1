package dev.signalbox.cli.bench;

import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.sim.bench.PoolBench;
import dev.signalbox.sim.bench.PoolReport;
import dev.signalbox.sim.bench.Workloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code signalbox bench pool}: replica choice strategies compared on simulated vLLM-like replicas. */
@Command(name = "pool", mixinStandardHelpOptions = true,
    description = "Sweep offered load for each replica-choice strategy over simulated vLLM-like replicas (in "
        + "simulated time) and report effective capacity: the highest request rate whose p90 time to first "
        + "token meets the SLO. Writes results.json and a plot of TTFT against load per workload.")
public final class BenchPoolCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "8", description = "Replicas. Default: ${DEFAULT-VALUE}.")
  int replicas;

  @Option(names = "--workload", paramLabel = "NAME", defaultValue = "all",
      description = "shared-system-prompts, multi-turn, agent-loop, no-sharing, or all. Default: ${DEFAULT-VALUE}.")
  String workload;

  @Option(names = "--slo-ttft-ms", paramLabel = "MS", defaultValue = "1000",
      description = "The p90 time-to-first-token objective. Default: ${DEFAULT-VALUE}.")
  double sloMs;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results/pool",
      description = "Where results.json and the plots go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--strategies", paramLabel = "LIST", split = ",",
      description = "Strategies to compare, and " + PoolBench.IDEAL_CACHE
          + " for the bound no placement can pass (default: all of them and the bound).")
  List<String> strategies;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "3000",
      description = "Requests measured per run, after the warm-up. Default: ${DEFAULT-VALUE}.")
  int requests;

  @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel (default: one per core).")
  Integer threads;

  @Override
  public Integer call() {
    List<String> chosen = new ArrayList<>(strategies == null ? PoolStrategies.NAMES : strategies);
    if (strategies == null) {
      chosen.add(PoolBench.IDEAL_CACHE);
    }
    for (String s : chosen) {
      if (!PoolStrategies.NAMES.contains(s) && !s.equals(PoolBench.IDEAL_CACHE)) {
        throw new ParameterException(spec.commandLine(),
            "unknown strategy '" + s + "'; known: " + String.join(", ", PoolStrategies.NAMES));
      }
    }
    List<String> workloads = workload.equals("all") ? Workloads.NAMES : List.of(workload);
    if (!Workloads.NAMES.containsAll(workloads)) {
      throw new ParameterException(spec.commandLine(),
          "unknown workload '" + workload + "'; known: " + String.join(", ", Workloads.NAMES) + ", all");
    }
    if (replicas < 2 || sloMs <= 0 || requests < 100) {
      throw new ParameterException(spec.commandLine(), "need --replicas ≥ 2, --slo-ttft-ms > 0, --requests ≥ 100");
    }
    PoolBench.Setup setup = PoolBench.Setup.defaults().withReplicas(replicas).withSloMs(sloMs).withRequests(requests);
    int parallel = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    List<PoolBench.WorkloadResult> results = new ArrayList<>();
    List<PoolBench.Remapping> scaling;
    try (PoolBench bench = new PoolBench(setup, parallel)) {
      for (String w : workloads) {
        long start = System.nanoTime();
        PoolBench.WorkloadResult r = bench.sweep(Workloads.named(w), chosen);
        results.add(r);
        System.err.printf("signalbox: %s swept in %.0f s%n", w, (System.nanoTime() - start) / 1e9);
      }
      scaling = bench.scaling(chosen.stream().filter(PoolStrategies.NAMES::contains).toList());
    }
    PoolReport report = new PoolReport(setup, results, scaling);
    System.out.print(report.text());
    System.out.println();
    for (Path p : report.write(out)) {
      System.out.println("wrote " + p);
    }
    return 0;
  }
}
