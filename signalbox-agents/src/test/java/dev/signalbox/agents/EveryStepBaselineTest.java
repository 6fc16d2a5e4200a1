package dev.signalbox.agents;

import static dev.signalbox.agents.ToolGraph.GOAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.agents.Fixtures.ScriptedTools;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EveryStepBaselineTest {
  final ScriptedTools tools = new ScriptedTools();

  /** A planner that replays {@code actions} and keeps the states it was shown. */
  static final class ScriptedPlanner implements StepPlanner {
    final List<Action> actions;
    final List<AgentState> seen = new ArrayList<>();

    ScriptedPlanner(Action... actions) {
      this.actions = new ArrayList<>(List.of(actions));
    }

    @Override
    public Action next(AgentState state) {
      seen.add(state);
      return actions.remove(0);
    }
  }

  RunRecord run(ScriptedPlanner planner) {
    return new EveryStepBaseline(tools, planner).run(Fixtures.pipeline(), "in");
  }

  @Test
  void run_healthyPipeline_consultsTheLlmOncePerActionIncludingTheFinish() {
    ScriptedPlanner planner = new ScriptedPlanner(Action.call("a1"), Action.call("b1"), Action.finish(GOAL, "done"));
    RunRecord r = run(planner);
    assertThat(r.outcome()).isEqualTo(RunOutcome.GOAL_REACHED);
    assertThat(r.result()).contains("in>a1>b1");
    assertThat(r.llmCalls()).isEqualTo(3).isEqualTo(planner.seen.size());
    assertThat(planner.seen).extracting(AgentState::current).containsExactly(ToolGraph.START, "a1", "b1");
  }

  @Test
  void run_failure_asksTheLlmAgainAndRecordsItsChoiceAsAReroute() {
    tools.failing("b1", "HTTP 503");
    ScriptedPlanner planner = new ScriptedPlanner(Action.call("a1"), Action.call("b1"), Action.call("b2"),
        Action.finish(GOAL, "done"));
    RunRecord r = run(planner);
    assertThat(r.llmCalls()).isEqualTo(4);
    assertThat(planner.seen.get(2).failures()).containsEntry("b1", "HTTP 503");
    RunEvent.Reroute reroute = r.reroutes().get(0);
    assertThat(reroute.byLlm()).isTrue();
    assertThat(reroute.path()).containsExactly("a1", "b2");
    assertThat(reroute.failedTool()).contains("b1");
    assertThat(r.silentFailures()).isZero();
  }

  @Test
  void run_finishAtAReducedGoal_recordsTheDemotion() {
    tools.failing("b1", "x").failing("b2", "x");
    RunRecord r = run(new ScriptedPlanner(Action.call("a1"), Action.call("b1"), Action.call("b2"),
        Action.finish("partial", "no summarizer left")));
    assertThat(r.outcome()).isEqualTo(RunOutcome.DEMOTED_GOAL_REACHED);
    assertThat(r.result()).contains("in>a1");
    assertThat(r.escalations()).singleElement()
        .satisfies(e -> assertThat(e.decision().reducedGoal()).contains("partial"));
    assertThat(r.llmCalls()).isEqualTo(4);
    assertThat(r.silentFailures()).isZero();
  }

  @Test
  void run_escalate_endsWithOneExplicitEscalation() {
    tools.failing("a1", "x").failing("a2", "x");
    RunRecord r = run(new ScriptedPlanner(Action.call("a1"), Action.call("a2"), Action.escalate("nothing works")));
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
    assertThat(r.escalations()).singleElement()
        .satisfies(e -> assertThat(e.impasse().failures()).containsOnlyKeys("a1", "a2"));
    assertThat(r.llmCalls()).isEqualTo(3);
    assertThat(r.silentFailures()).isZero();
  }

  @Test
  void run_actionTheGraphDoesNotAllow_isEscalatedNotExecuted() {
    RunRecord r = run(new ScriptedPlanner(Action.call("b1")));
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
    assertThat(tools.called).isEmpty();
    assertThat(r.escalations().get(0).decision().reason()).contains("does not allow");
  }

  @Test
  void run_loopingPlanner_stopsAtTheStepLimitWithoutAnotherLlmCall() {
    ToolGraph loop = ToolGraph.builder("loop").stage(Fixtures.tool("a", 1)).stage(Fixtures.tool("b", 1))
        .edge("b", "a").build();
    StepPlanner pingPong = s -> Action.call(s.current().equals("a") ? "b" : "a");
    RunRecord r = new EveryStepBaseline(tools, pingPong).run(loop, "in");
    int limit = 4 * loop.graph().nodes().size();
    assertThat(r.calls()).hasSize(limit);
    assertThat(r.llmCalls()).isEqualTo(limit);
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
    assertThat(r.escalations()).singleElement().satisfies(e -> assertThat(e.llmConsulted()).isFalse());
  }
}
