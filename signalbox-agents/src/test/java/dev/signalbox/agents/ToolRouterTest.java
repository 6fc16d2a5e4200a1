package dev.signalbox.agents;

import static dev.signalbox.agents.Fixtures.tool;
import static dev.signalbox.agents.ToolGraph.GOAL;
import static dev.signalbox.agents.ToolGraph.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.graph.ShortestPath.Path;
import dev.signalbox.agents.Fixtures.ScriptedEscalation;
import dev.signalbox.agents.Fixtures.ScriptedTools;
import dev.signalbox.agents.Fixtures.SettableMonitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ToolRouterTest {
  final ScriptedTools tools = new ScriptedTools();
  final ScriptedEscalation llm = new ScriptedEscalation();

  RunRecord run(ToolGraph graph, HealthMonitor... monitors) {
    return run(graph, llm, monitors);
  }

  RunRecord run(ToolGraph graph, Escalation escalation, HealthMonitor... monitors) {
    ToolRouter.Builder b = ToolRouter.builder(tools, escalation);
    List.of(monitors).forEach(b::monitor);
    return b.build().run(graph, "in");
  }

  /** The record as short strings: {@code ok a1}, {@code fail b1}, {@code reroute b1}, {@code escalate}. */
  static List<String> events(RunRecord record) {
    List<String> out = new ArrayList<>();
    for (RunEvent e : record.events()) {
      if (e instanceof RunEvent.ToolCall c) {
        out.add((c.ok() ? "ok " : "fail ") + c.tool());
      } else if (e instanceof RunEvent.Reroute r) {
        out.add("reroute " + r.failedTool().orElse("monitor"));
      } else {
        out.add("escalate");
      }
    }
    return out;
  }

  @Test
  void run_healthy_takesTheCheapestRouteWithoutTheLlm() {
    RunRecord r = run(Fixtures.pipeline());
    assertThat(r.outcome()).isEqualTo(RunOutcome.GOAL_REACHED);
    assertThat(r.path()).containsExactly("a1", "b1");
    assertThat(r.result()).contains("in>a1>b1");
    assertThat(r.llmCalls()).isZero();
    assertThat(llm.impasses).isEmpty();
  }

  @Test
  void run_singleFailure_reroutesFromTheCurrentNodeWithoutTheLlm() {
    tools.failing("b1", "HTTP 503");
    RunRecord r = run(Fixtures.pipeline());
    assertThat(events(r)).containsExactly("ok a1", "fail b1", "reroute b1", "ok b2");
    RunEvent.Reroute reroute = r.reroutes().get(0);
    assertThat(reroute.from()).isEqualTo("a1");
    assertThat(reroute.path()).containsExactly("a1", "b2", GOAL);
    assertThat(reroute.cause()).isEqualTo("b1 failed: HTTP 503");
    assertThat(reroute.byLlm()).isFalse();
    assertThat(r.result()).contains("in>a1>b2");
    assertThat(r.llmCalls()).isZero();
  }

  @Test
  void run_failureDeepInDag_resumesWithoutRerunningDoneTools() {
    tools.failing("y", "out of memory");
    RunRecord r = run(Fixtures.dag());
    assertThat(tools.called).containsExactly("x", "y", "w");
    assertThat(r.reroutes().get(0).path()).containsExactly("x", "w", GOAL);
    assertThat(r.outcome()).isEqualTo(RunOutcome.GOAL_REACHED);
    assertThat(r.llmCalls()).isZero();
  }

  @Test
  void run_failedShortcutNode_takesAPathOfAnotherLength() {
    tools.failing("x", "crashed");
    RunRecord r = run(Fixtures.dag());
    assertThat(r.path()).containsExactly("xy", "z");
    assertThat(r.reroutes().get(0).path()).containsExactly(START, "xy", "z", GOAL);
  }

  @Test
  void run_compoundFailures_answerEachFailureAtOnce() {
    tools.failing("x", "crashed").failing("z", "timeout");
    RunRecord r = run(Fixtures.dag());
    assertThat(events(r)).containsExactly("fail x", "reroute x", "ok xy", "fail z", "escalate");
    assertThat(r.silentFailures()).isZero();
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
    assertThat(r.llmCalls()).isEqualTo(1);
  }

  @Test
  void run_allRoutesBlocked_escalatesExactlyOnce() {
    tools.failing("a1", "HTTP 500").failing("a2", "HTTP 500");
    RunRecord r = run(Fixtures.pipeline());
    assertThat(events(r)).containsExactly("fail a1", "reroute a1", "fail a2", "escalate");
    assertThat(r.escalations()).hasSize(1);
    assertThat(r.llmCalls()).isEqualTo(1);
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
    assertThat(r.result()).isEmpty();
    Impasse impasse = llm.impasses.get(0);
    assertThat(impasse.current()).isEqualTo(START);
    assertThat(impasse.target()).isEqualTo(GOAL);
    assertThat(impasse.failures()).containsOnlyKeys("a1", "a2");
    assertThat(impasse.reducedGoals()).isEmpty();
    assertThat(r.escalations().get(0).decision().demotes()).isFalse();
  }

  @Test
  void run_noRouteLeft_demotesToAReducedGoalAndReachesIt() {
    tools.failing("b1", "HTTP 500").failing("b2", "quota");
    ScriptedEscalation demoting = new ScriptedEscalation(ImpasseDecision.demote("partial", "partial is better than none"));
    RunRecord r = run(Fixtures.pipeline(), demoting);
    assertThat(events(r)).containsExactly("ok a1", "fail b1", "reroute b1", "fail b2", "escalate");
    assertThat(demoting.impasses.get(0).reducedGoals()).extracting(Path::last).containsExactly("partial");
    assertThat(r.outcome()).isEqualTo(RunOutcome.DEMOTED_GOAL_REACHED);
    assertThat(r.reachedGoal()).contains("partial");
    assertThat(r.result()).contains("in>a1");
    assertThat(r.llmCalls()).isEqualTo(1);
  }

  @Test
  void run_demotedGoalBlockedToo_consultsTheLlmAgain() {
    ToolGraph g = ToolGraph.builder("g").stage(tool("a", 1)).stage(tool("b", 1)).tool(tool("p", 1))
        .edge("a", "p").reducedGoal("partial", "p").build();
    tools.failing("b", "down").failing("p", "down");
    ScriptedEscalation twice = new ScriptedEscalation(ImpasseDecision.demote("partial", "try"), ImpasseDecision.toHuman("give up"));
    RunRecord r = run(g, twice);
    assertThat(events(r)).containsExactly("ok a", "fail b", "escalate", "fail p", "escalate");
    assertThat(twice.impasses).extracting(Impasse::target).containsExactly(GOAL, "partial");
    assertThat(r.llmCalls()).isEqualTo(2);
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
  }

  @Test
  void run_llmDemotesToAGoalNotOffered_handsOverToAHuman() {
    tools.failing("b1", "x").failing("b2", "x");
    RunRecord r = run(Fixtures.pipeline(), impasse -> ImpasseDecision.demote("nowhere", "hallucinated"));
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
    assertThat(r.escalations().get(0).decision().reason()).contains("nowhere");
    assertThat(r.llmCalls()).isEqualTo(1);
  }

  @Test
  void run_escalationThrows_handsOverToAHuman() {
    tools.failing("a1", "x").failing("a2", "x");
    RunRecord r = run(Fixtures.pipeline(), impasse -> {
      throw new IllegalStateException("LLM timed out");
    });
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
    assertThat(r.escalations().get(0).decision().reason()).contains("LLM timed out");
  }

  @Test
  void run_executorThrows_isAFailureThatIsRerouted() {
    ToolExecutor throwing = (t, c) -> {
      if (t.name().equals("a1")) {
        throw new IllegalStateException("connection reset");
      }
      return ToolResult.success(t.name());
    };
    RunRecord r = ToolRouter.builder(throwing, llm).build().run(Fixtures.pipeline(), "in");
    assertThat(r.calls().get(0).ok()).isFalse();
    assertThat(r.calls().get(0).detail()).contains("connection reset");
    assertThat(r.reroutes()).hasSize(1);
    assertThat(r.path()).containsExactly("a2", "b1");
  }

  @Test
  void run_monitorDownBeforeTheRun_plansAroundWithoutCallingIt() {
    SettableMonitor monitor = new SettableMonitor();
    monitor.signals = List.of(HealthSignal.down("a1", 5, "health-check", "0 of 3 probes"));
    RunRecord r = run(Fixtures.pipeline(), monitor);
    assertThat(events(r)).containsExactly("ok a2", "ok b1");
    assertThat(r.llmCalls()).isZero();
  }

  @Test
  void run_monitorDownMidRun_reroutesWithTheSignalAsCause() {
    HealthMonitor monitor = () -> tools.called.contains("a1")
        ? List.of(HealthSignal.down("b1", 5, "health-check", "probe timeouts"))
        : List.of();
    RunRecord r = run(Fixtures.pipeline(), monitor);
    assertThat(events(r)).containsExactly("ok a1", "reroute monitor", "ok b2");
    assertThat(r.reroutes().get(0).cause()).contains("b1 down", "health-check", "probe timeouts");
    assertThat(tools.called).doesNotContain("b1");
  }

  @Test
  void run_monitorSignals_highestPriorityWinsWhateverTheOrder() {
    HealthSignal staleDown = HealthSignal.down("a1", 1, "stale-probe", "missed a probe");
    HealthSignal checkUp = HealthSignal.up("a1", 5, "health-check", "probe ok");
    HealthSignal riskDown = HealthSignal.down("a1", 9, "risk-detector", "credentials exposed");
    HealthSignal checkDown = HealthSignal.down("a1", 5, "health-check", "probe failed");
    assertThat(firstToolUnder(staleDown, checkUp)).isEqualTo("a1");
    assertThat(firstToolUnder(checkUp, staleDown)).isEqualTo("a1");
    assertThat(firstToolUnder(checkUp, riskDown)).isEqualTo("a2");
    assertThat(firstToolUnder(riskDown, checkUp)).isEqualTo("a2");
    assertThat(firstToolUnder(checkUp, checkDown)).as("a tie goes to the worse health").isEqualTo("a2");
  }

  String firstToolUnder(HealthSignal first, HealthSignal second) {
    tools.called.clear();
    run(Fixtures.pipeline(), () -> List.of(first), () -> List.of(second));
    return tools.called.get(0);
  }

  @Test
  void run_degradedTool_isAvoidedOnlyWhenTheAlternativeIsCheaper() {
    assertThat(firstToolUnder(HealthSignal.degraded("a1", 0.95, 5, "latency", "p99 up"),
        HealthSignal.up("b1", 5, "latency", "ok"))).as("1 + 10·0.05 < 2").isEqualTo("a1");
    assertThat(firstToolUnder(HealthSignal.degraded("a1", 0.5, 5, "latency", "p99 up"),
        HealthSignal.up("b1", 5, "latency", "ok"))).as("1 + 10·0.5 > 2").isEqualTo("a2");
  }

  @Test
  void run_anySetOfFailures_isNeverSilentAndNeverRetriesAFailedTool() {
    ToolGraph g = Fixtures.dag();
    List<String> names = g.tools().stream().map(Tool::name).sorted().toList();
    Escalation demoteOrHandOver = i -> i.reducedGoals().isEmpty()
        ? ImpasseDecision.toHuman("stuck")
        : ImpasseDecision.demote(i.reducedGoals().get(0).last(), "cheapest");
    for (int mask = 0; mask < 1 << names.size(); mask++) {
      ScriptedTools world = new ScriptedTools();
      for (int i = 0; i < names.size(); i++) {
        if ((mask & 1 << i) != 0) {
          world.failing(names.get(i), "fault " + i);
        }
      }
      RunRecord r = ToolRouter.builder(world, demoteOrHandOver).build().run(g, "in");
      assertThat(r.silentFailures()).as("faults %s", world.failing).isZero();
      assertThat(r.llmCalls()).isEqualTo(r.escalations().size()).isLessThanOrEqualTo(1);
      assertThat(new HashSet<>(world.called)).hasSameSizeAs(world.called);
      assertThat(r.failures()).as("each failure answered by one reroute or escalation")
          .hasSize(r.reroutes().size() + r.escalations().size());
      if (r.outcome() == RunOutcome.GOAL_REACHED) {
        assertThat(isRoute(g, r.path(), GOAL)).as("%s", r.path()).isTrue();
        assertThat(r.path()).noneMatch(world.failing::containsKey);
      }
    }
  }

  static boolean isRoute(ToolGraph g, List<String> tools, String goal) {
    List<String> nodes = new ArrayList<>(List.of(START));
    nodes.addAll(tools);
    nodes.add(goal);
    for (int i = 1; i < nodes.size(); i++) {
      if (!g.graph().hasEdge(nodes.get(i - 1), nodes.get(i))) {
        return false;
      }
    }
    return true;
  }

  static FanOut threeBranches() {
    return FanOut.of("three",
        ToolGraph.builder("p").stage(tool("p", 1)).build(),
        ToolGraph.builder("q").stage(tool("q", 1)).build(),
        ToolGraph.builder("r").stage(tool("r", 1)).tool(tool("r.fallback", 1)).edge(START, "r.fallback")
            .reducedGoal("r.partial", "r.fallback").build());
  }

  @Test
  void run_fanOut_runsBranchesConcurrentlyAndJoins() throws Exception {
    CyclicBarrier allThree = new CyclicBarrier(3);
    ToolExecutor meetingTools = (t, c) -> {
      try {
        allThree.await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        return ToolResult.failure("branches did not run concurrently: " + e);
      }
      return ToolResult.success(c.lastOutput() + ">" + t.name());
    };
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      FanOutRecord r = ToolRouter.builder(meetingTools, llm).branchExecutor(pool).build().run(threeBranches(), "in");
      assertThat(r.outcome()).isEqualTo(RunOutcome.GOAL_REACHED);
      assertThat(r.result()).contains("p=in>p; q=in>q; r=in>r");
      assertThat(r.branches()).containsOnlyKeys("p", "q", "r");
      assertThat(r.llmCalls()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void run_fanOutWithOneBranchEscalated_escalatesTheGoalAndKeepsEveryBranch() {
    tools.failing("q", "HTTP 503");
    FanOutRecord r = ToolRouter.builder(tools, llm).build().run(threeBranches(), "in");
    assertThat(r.outcome()).isEqualTo(RunOutcome.ESCALATED);
    assertThat(r.result()).isEmpty();
    assertThat(r.branches().get("p").outcome()).isEqualTo(RunOutcome.GOAL_REACHED);
    assertThat(r.branches().get("q").escalations()).hasSize(1);
    assertThat(r.llmCalls()).isEqualTo(1);
    assertThat(r.silentFailures()).isZero();
  }

  @Test
  void run_fanOutWithOneBranchDemoted_isDemotedWithTheJoinedResult() {
    tools.failing("r", "HTTP 503");
    ScriptedEscalation demoting = new ScriptedEscalation(ImpasseDecision.demote("r.partial", "fallback"));
    FanOutRecord r = ToolRouter.builder(tools, demoting).build().run(threeBranches(), "in");
    assertThat(r.outcome()).isEqualTo(RunOutcome.DEMOTED_GOAL_REACHED);
    assertThat(r.result()).contains("p=in>p; q=in>q; r=in>r.fallback");
    assertThat(r.reroutes()).isEmpty();
    assertThat(r.escalations()).hasSize(1);
    assertThat(r.failures()).extracting(RunEvent.ToolCall::tool).containsExactly("r");
  }

  @Test
  void runOn_dispatchesByKindOfGoal() {
    ToolRouter router = ToolRouter.builder(tools, llm).build();
    AgentGoal single = Fixtures.pipeline();
    AgentGoal fanOut = threeBranches();
    assertThat(single.runOn(router, "in")).isInstanceOf(RunRecord.class);
    assertThat(fanOut.runOn(router, "in")).isInstanceOf(FanOutRecord.class);
  }
}
