package dev.signalbox.agents.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.agents.RunOutcome;
import dev.signalbox.agents.RunRecord;
import dev.signalbox.agents.scenarios.ToolScenario.Topology;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
  static ScenarioReport report;

  @BeforeAll
  static void runSuite() {
    report = ScenarioRunner.runStandard();
    System.out.print(report.table());
  }

  static List<ToolScenario> of(Topology topology) {
    return ToolScenarios.standard().stream().filter(s -> s.topology() == topology).toList();
  }

  @Test
  void standard_coversEachTopologyWithSingleCompoundAndInfeasibleFaults() {
    assertThat(ToolScenarios.standard()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(ToolScenarios.standard().stream().map(ToolScenario::name).collect(Collectors.toSet()))
        .hasSameSizeAs(ToolScenarios.standard());
    for (Topology t : Topology.values()) {
      List<ToolScenario> scenarios = of(t);
      assertThat(scenarios).as("%s", t).hasSizeGreaterThanOrEqualTo(5)
          .anyMatch(s -> s.faults().failures().size() == 1 && s.expectedOutcome() == RunOutcome.GOAL_REACHED)
          .anyMatch(s -> s.faults().failures().size() >= 2 && s.expectedOutcome() == RunOutcome.GOAL_REACHED)
          .anyMatch(s -> !s.faults().reports().isEmpty())
          .anyMatch(s -> s.expectedOutcome() == RunOutcome.DEMOTED_GOAL_REACHED)
          .anyMatch(s -> s.expectedOutcome() == RunOutcome.ESCALATED);
    }
  }

  @Test
  void runStandard_meetsTheIssueTargets() {
    int graph = report.rows().stream().mapToInt(r -> r.graph().llmCalls()).sum();
    int baseline = report.rows().stream().mapToInt(r -> r.baseline().llmCalls()).sum();
    double reduction = 1 - (double) graph / baseline;
    assertThat(reduction).isEqualTo(report.llmCallReduction()).isGreaterThanOrEqualTo(0.8);
    assertThat(report.graphCorrect()).isEqualTo(report.baselineCorrect()).isEqualTo(report.rows().size());
    assertThat(report.agreeing()).isEqualTo(report.rows().size());
    assertThat(report.silentFailures()).isZero();
    assertThat(report.meetsTargets()).isTrue();
  }

  @Test
  void runStandard_everyScenarioEndsAsItStates() {
    for (ScenarioReport.Row r : report.rows()) {
      assertThat(r.graphCorrect()).as("graph router in %s", r.scenario().name()).isTrue();
      assertThat(r.baselineCorrect()).as("baseline in %s", r.scenario().name()).isTrue();
    }
  }

  @Test
  void runStandard_routerConsultsTheLlmOnlyWhenNoRouteIsLeft() {
    for (ScenarioReport.Row r : report.rows()) {
      int expected = r.scenario().expectedOutcome() == RunOutcome.GOAL_REACHED ? 0 : 1;
      assertThat(r.graph().llmCalls()).as(r.scenario().name()).isEqualTo(expected);
      assertThat(r.graph().escalations()).as(r.scenario().name()).hasSize(expected);
      assertThat(r.graph().reroutes().stream().noneMatch(x -> x.byLlm())).isTrue();
    }
  }

  @Test
  void runStandard_everyFailureIsRecordedByBothRunners() {
    for (ScenarioReport.Row r : report.rows()) {
      assertThat(r.graph().silentFailures()).as(r.scenario().name()).isZero();
      assertThat(r.baseline().silentFailures()).as(r.scenario().name()).isZero();
      assertThat(r.graph().failures().size()).as(r.scenario().name())
          .isLessThanOrEqualTo(r.baseline().failures().size());
    }
  }

  @Test
  void runStandard_monitorReportedFailuresAreNotCalledByTheRouter() {
    ScenarioReport.Row monitored = row("dag/monitor-mid-run");
    assertThat(monitored.graph().failures()).isEmpty();
    assertThat(monitored.graph().reroutes()).singleElement()
        .satisfies(x -> assertThat(x.cause()).contains("analyze.stats down"));
    assertThat(monitored.baseline().failures()).extracting(c -> c.tool()).containsExactly("analyze.stats");
  }

  @Test
  void runStandard_deepFailureResumesFromTheCurrentTool() {
    RunRecord graph = (RunRecord) row("dag/deep-failure-resumes").graph();
    assertThat(graph.path()).containsExactly("load+clean.etl", "analyze+report.notebook");
    assertThat(graph.reroutes().get(0).from()).isEqualTo("load+clean.etl");
  }

  @Test
  void table_listsEveryScenarioAndTheTotals() {
    String table = report.table();
    report.rows().forEach(r -> assertThat(table).contains(r.scenario().name()));
    assertThat(table).contains(report.rows().size() + " scenarios", "silent failures 0", "targets met");
  }

  @Test
  void meetsTargets_wrongRunOrTooManyLlmCalls_isNotMet() {
    ToolScenario s = ToolScenarios.standard().get(0);
    RunRecord right = new RunRecord("g", RunOutcome.GOAL_REACHED, Optional.of("GOAL"), s.expectedResult(), List.of(), 0);
    RunRecord wrong = new RunRecord("g", RunOutcome.GOAL_REACHED, Optional.of("GOAL"), Optional.of("search"), List.of(), 0);
    RunRecord chatty = new RunRecord("g", RunOutcome.GOAL_REACHED, Optional.of("GOAL"), s.expectedResult(), List.of(), 1);
    RunRecord baseline = new RunRecord("g", RunOutcome.GOAL_REACHED, Optional.of("GOAL"), s.expectedResult(), List.of(), 4);
    assertThat(new ScenarioReport(List.of(new ScenarioReport.Row(s, right, baseline))).meetsTargets()).isTrue();
    assertThat(new ScenarioReport(List.of(new ScenarioReport.Row(s, wrong, baseline))).meetsTargets()).isFalse();
    assertThat(new ScenarioReport(List.of(new ScenarioReport.Row(s, chatty, baseline))).meetsTargets())
        .as("1 of 4 calls is 75% fewer").isFalse();
  }

  static ScenarioReport.Row row(String name) {
    return report.rows().stream().filter(r -> r.scenario().name().equals(name)).findFirst().orElseThrow();
  }
}
