package dev.signalbox.bench.faults;

import dev.signalbox.core.api.Json;
import dev.signalbox.agents.scenarios.ScenarioReport;
import dev.signalbox.agents.scenarios.ScenarioRunner;
import dev.signalbox.sim.bench.SimulatedFaultRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * {@code signalbox bench faults} behind its options: the {@link FaultBench} scenarios, the same
 * faults in simulated time ({@link SimulatedFaultRun}), then the agents' tool-routing scenarios; prints both tables (progress on stderr) and, given a folder,
 * writes {@code results.json} there.
 */
public final class FaultBenchRun {
  private static final double SIMULATED_INTERVAL_MS = 1.0;
  private static final long SIMULATED_SEED = 11;

  /**
   * What to run.
   *
   * @param requests client requests per scenario (one in ten streamed)
   * @param concurrency requests in flight at once
   * @param only the scenarios to run (empty: all); the baseline always runs first
   * @param out where results.json goes (null: not written)
   */
  public record Options(int requests, int concurrency, List<String> only, Path out) {
    public Options {
      only = only == null ? List.of() : List.copyOf(only);
    }
  }

  private final int requests;
  private final int concurrency;
  private final List<String> only;
  private final Path out;

  public FaultBenchRun(Options options) {
    this.requests = options.requests();
    this.concurrency = options.concurrency();
    this.only = options.only();
    this.out = options.out();
  }

  /** Runs it; returns the exit code. */
  public int run() throws Exception {
    List<FaultBench.Scenario> scenarios = FaultBench.scenarios().stream()
        .filter(s -> only.isEmpty() || s.name().equals("baseline") || only.contains(s.name()))
        .toList();
    Progress progress = new Progress(requests);
    FaultBench bench = new FaultBench(requests, concurrency, progress::update);
    List<FaultBench.Result> results = bench.run(scenarios, progress::start);
    progress.clear();
    System.out.print(table(results));
    List<SimulatedFaultRun.Result> simulated = SimulatedFaultRun.all(requests, SIMULATED_INTERVAL_MS, SIMULATED_SEED);
    System.out.println();
    System.out.println("The same faults in simulated time (the attempt planner and probe schedule alone, "
        + requests + " requests, one every " + SIMULATED_INTERVAL_MS + " ms):");
    System.out.print(simulatedTable(simulated));
    ScenarioReport tools = ScenarioRunner.runStandard();
    System.out.println();
    System.out.println("Tool routing for agents (graph router vs an LLM consulted at every step):");
    System.out.print(tools.table());
    if (out != null) {
      Files.createDirectories(out);
      Map<String, Object> json = new LinkedHashMap<>(FaultBench.toJson(results, scenarios));
      Map<String, Object> toolJson = new LinkedHashMap<>();
      toolJson.put("scenarios", tools.rows().size());
      toolJson.put("graph_correct", tools.graphCorrect());
      toolJson.put("baseline_correct", tools.baselineCorrect());
      toolJson.put("graph_llm_calls", tools.graphLlmCalls());
      toolJson.put("baseline_llm_calls", tools.baselineLlmCalls());
      toolJson.put("llm_call_reduction", Math.round(tools.llmCallReduction() * 1000) / 1000.0);
      toolJson.put("reroutes", tools.reroutes());
      toolJson.put("escalations", tools.escalations());
      toolJson.put("silent_failures", tools.silentFailures());
      json.put("tool_routing", toolJson);
      json.put("simulated", simulated);
      Files.writeString(out.resolve("results.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
      System.out.println("Results written to " + out.resolve("results.json"));
    }
    return 0;
  }

  static String table(List<FaultBench.Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-17s %8s %7s %9s %9s %10s %10s %9s %9s %7s%n",
        "scenario", "requests", "errors", "stream<1B", "stream>1B", "+p50 µs", "+p99 µs", "eject ms",
        "readmit", "ampl."));
    for (FaultBench.Result r : results) {
      sb.append(String.format(Locale.ROOT, "%-17s %8d %7d %9d %9d %10.0f %10.0f %9s %9s %7.3f%n",
          r.scenario(), r.requests(), r.clientErrors(), r.streamErrorsBeforeFirstByte(),
          r.streamErrorsAfterFirstByte(), r.addedP50Us(), r.addedP99Us(), ms(r.ejectMs()), ms(r.readmitMs()),
          r.retryAmplification()));
    }
    return sb.toString();
  }

  static String simulatedTable(List<SimulatedFaultRun.Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-17s %8s %7s %9s %9s %7s %8s %8s%n",
        "scenario", "requests", "errors", "eject ms", "readmit", "ampl.", "p99 ms", "max ms"));
    for (SimulatedFaultRun.Result r : results) {
      sb.append(String.format(Locale.ROOT, "%-17s %8d %7d %9s %9s %7.3f %8.1f %8.1f%n", r.scenario(), r.requests(),
          r.clientErrors(), ms(r.ejectMs()), ms(r.readmitMs()), r.amplification(), r.p99Ms(), r.maxMs()));
    }
    return sb.toString();
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  /** One progress line on stderr. */
  private static final class Progress {
    private final int total;
    private volatile String scenario = "";
    private long lastPrint;

    Progress(int total) {
      this.total = total;
    }

    void start(String name) {
      scenario = name;
      update(0);
    }

    void update(int done) {
      long now = System.nanoTime();
      if (done != total && now - lastPrint < 200_000_000L) {
        return;
      }
      lastPrint = now;
      int width = 30;
      int filled = (int) ((long) done * width / Math.max(1, total));
      System.err.printf(Locale.ROOT, "\r%-17s [%s%s] %d/%d", scenario, "#".repeat(filled), " ".repeat(width - filled),
          done, total);
    }

    void clear() {
      System.err.print("\r" + " ".repeat(70) + "\r");
    }
  }
}
