package dev.signalbox.agents.scenarios;

import dev.signalbox.agents.EveryStepBaseline;
import dev.signalbox.agents.GoalRunResult;
import dev.signalbox.agents.ToolRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs tool-routing scenarios with the self-healing router and the every-step baseline, each in a
 * fresh world with the same faults and the same simulated LLM. Run {@code main} to print the table.
 */
public final class ScenarioRunner {
  private ScenarioRunner() {}

  /** Runs {@link ToolScenarios#standard()}. */
  public static ScenarioReport runStandard() {
    return run(ToolScenarios.standard());
  }

  /** Runs {@code scenarios}; the router runs fan-out branches concurrently, the baseline one by one. */
  public static ScenarioReport run(List<ToolScenario> scenarios) {
    ExecutorService branches = Executors.newFixedThreadPool(4);
    try {
      List<ScenarioReport.Row> rows = new ArrayList<>();
      for (ToolScenario s : scenarios) {
        rows.add(new ScenarioReport.Row(s, runRouter(s, branches), runBaseline(s)));
      }
      return new ScenarioReport(rows);
    } finally {
      branches.shutdownNow();
    }
  }

  static GoalRunResult runRouter(ToolScenario s, ExecutorService branches) {
    SimulatedWorld world = new SimulatedWorld(s.faults());
    ToolRouter router = ToolRouter.builder(world, new SimulatedLlm()).monitor(world).branchExecutor(branches).build();
    return s.goal().runOn(router, s.name());
  }

  static GoalRunResult runBaseline(ToolScenario s) {
    return s.goal().runOn(new EveryStepBaseline(new SimulatedWorld(s.faults()), new SimulatedLlm()), s.name());
  }

  /** Prints the standard suite's table; exits with 1 when a target is missed. */
  public static void main(String[] args) {
    ScenarioReport report = runStandard();
    System.out.print(report.table());
    if (!report.meetsTargets()) {
      System.exit(1);
    }
  }
}
