package dev.signalbox.agents.scenarios;

import dev.signalbox.agents.GoalRunResult;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The scenario suite's results: per scenario the router's and the baseline's runs, and totals
 * against the targets (correctness equal to the every-step baseline, at least 80% fewer
 * LLM calls, no silent failure).
 */
public record ScenarioReport(List<Row> rows) {
  /** The least share of the baseline's LLM calls the router must save. */
  public static final double TARGET_LLM_CALL_REDUCTION = 0.8;

  public ScenarioReport {
    rows = List.copyOf(rows);
  }

  /** One scenario, run by the graph router and by the every-step baseline. */
  public record Row(ToolScenario scenario, GoalRunResult graph, GoalRunResult baseline) {
    public boolean graphCorrect() {
      return scenario.isMetBy(graph);
    }

    public boolean baselineCorrect() {
      return scenario.isMetBy(baseline);
    }

    /** Whether both ended the same way with the same result. */
    public boolean agree() {
      return graph.outcome() == baseline.outcome() && graph.result().equals(baseline.result());
    }
  }

  public int graphCorrect() {
    return count(Row::graphCorrect);
  }

  public int baselineCorrect() {
    return count(Row::baselineCorrect);
  }

  public int agreeing() {
    return count(Row::agree);
  }

  public int graphLlmCalls() {
    return sum(r -> r.graph().llmCalls());
  }

  public int baselineLlmCalls() {
    return sum(r -> r.baseline().llmCalls());
  }

  /** The share of the baseline's LLM calls the router saved, {@code 1 − graph / baseline}. */
  public double llmCallReduction() {
    return baselineLlmCalls() == 0 ? 0 : 1 - (double) graphLlmCalls() / baselineLlmCalls();
  }

  /** Reroutes by the graph router. */
  public int reroutes() {
    return sum(r -> r.graph().reroutes().size());
  }

  /** Escalations by the graph router. */
  public int escalations() {
    return sum(r -> r.graph().escalations().size());
  }

  /** Silent failures of both runners together. */
  public int silentFailures() {
    return sum(r -> r.graph().silentFailures() + r.baseline().silentFailures());
  }

  /** Whether the targets are met: same outcomes, equal correctness, 80% fewer LLM calls, nothing silent. */
  public boolean meetsTargets() {
    return agreeing() == rows.size() && graphCorrect() == baselineCorrect()
        && llmCallReduction() >= TARGET_LLM_CALL_REDUCTION && silentFailures() == 0;
  }

  /** The report as a fixed-width table with a totals line. */
  public String table() {
    String format = "%-36s %-9s %-9s %-9s %-9s %-7s %-7s %-8s %-7s %-6s%n";
    StringBuilder s = new StringBuilder(String.format(format, "scenario", "topology", "expected", "graph",
        "baseline", "correct", "llm", "reroutes", "escal.", "silent"));
    for (Row r : rows) {
      s.append(String.format(format, r.scenario().name(), r.scenario().topology().label(),
          r.scenario().expectedOutcome().label(), r.graph().outcome().label(), r.baseline().outcome().label(),
          yesNo(r.graphCorrect()) + "/" + yesNo(r.baselineCorrect()),
          r.graph().llmCalls() + "/" + r.baseline().llmCalls(),
          r.graph().reroutes().size() + "/" + r.baseline().reroutes().size(),
          r.graph().escalations().size() + "/" + r.baseline().escalations().size(),
          r.graph().silentFailures() + "/" + r.baseline().silentFailures()));
    }
    s.append("(pairs are graph router / every-step baseline)\n");
    s.append(String.format("%d scenarios: correct %d (graph) vs %d (baseline), same outcome in %d; "
            + "LLM calls %d vs %d (%.1f%% fewer, target %.0f%%); reroutes %d; escalations %d; silent failures %d; "
            + "targets %s%n",
        rows.size(), graphCorrect(), baselineCorrect(), agreeing(), graphLlmCalls(), baselineLlmCalls(),
        100 * llmCallReduction(), 100 * TARGET_LLM_CALL_REDUCTION, reroutes(), escalations(), silentFailures(),
        meetsTargets() ? "met" : "NOT met"));
    return s.toString();
  }

  private int count(Predicate<Row> p) {
    return (int) rows.stream().filter(p).count();
  }

  private int sum(ToIntFunction<Row> f) {
    return rows.stream().mapToInt(f).sum();
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "NO";
  }
}
