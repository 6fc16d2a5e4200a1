package dev.signalbox.agents;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The ReAct-style comparator for {@link ToolRouter}: the LLM ({@link StepPlanner}) chooses every
 * next tool, is asked again after each failure, and declares the end, one LLM call per action. It
 * has no health monitors, as a ReAct agent has none. Records runs like the router, so both are
 * compared event for event.
 */
public final class EveryStepBaseline implements GoalRunner {
  private final ToolExecutor tools;
  private final StepPlanner planner;

  public EveryStepBaseline(ToolExecutor tools, StepPlanner planner) {
    this.tools = Objects.requireNonNull(tools, "tools");
    this.planner = Objects.requireNonNull(planner, "planner");
  }

  @Override
  public RunRecord run(ToolGraph graph, String input) {
    Run run = new Run(graph, input);
    String current = ToolGraph.START;
    Optional<String> unansweredFailure = Optional.empty();
    while (true) {
      ToDoubleFunction<String> health = tool -> run.hasFailed(tool) ? 0 : 1;
      if (run.atStepLimit()) {
        return run.stopAtStepLimit(current, ToolGraph.GOAL, health);
      }
      run.llmCalled();
      Action action = planner.next(new AgentState(graph, current, run.context(), run.failures()));
      String problem = action == null ? "the planner returned no action" : problem(graph, current, action);
      if (!problem.isEmpty() || action.kind() == Action.Kind.ESCALATE) {
        String reason = problem.isEmpty() ? action.reason() : problem;
        run.escalation(run.impasse(current, ToolGraph.GOAL, reason, health, List.of()), ImpasseDecision.toHuman(reason), true);
        return run.escalated();
      }
      String target = action.target();
      if (action.kind() == Action.Kind.FINISH && !target.equals(ToolGraph.GOAL)) {
        String reason = "the LLM finished at a reduced goal";
        run.escalation(run.impasse(current, ToolGraph.GOAL, reason, health, List.of()),
            ImpasseDecision.demote(target, action.reason()), true);
        return run.reached(target);
      }
      if (unansweredFailure.isPresent()) {
        String failed = unansweredFailure.get();
        run.rerouted(current, List.of(current, target), failed + " failed: " + run.failures().get(failed),
            unansweredFailure, true);
        unansweredFailure = Optional.empty();
      }
      if (action.kind() == Action.Kind.FINISH) {
        return run.reached(target);
      }
      if (run.call(target, tools)) {
        current = target;
      } else {
        unansweredFailure = Optional.of(target);
      }
    }
  }

  /** Why {@code action} cannot be carried out from {@code current}; empty when it can. */
  private static String problem(ToolGraph graph, String current, Action action) {
    String target = action.target();
    boolean fits = switch (action.kind()) {
      case CALL -> graph.tool(target).isPresent() && graph.graph().hasEdge(current, target);
      case FINISH -> graph.isGoal(target) && graph.graph().hasEdge(current, target);
      case ESCALATE -> true;
    };
    return fits ? "" : "the planner chose an action the graph does not allow from " + current + ": " + action;
  }
}
