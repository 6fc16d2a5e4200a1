package dev.signalbox.agents.scenarios;

import dev.signalbox.core.graph.ShortestPath.Path;
import dev.signalbox.agents.Action;
import dev.signalbox.agents.AgentState;
import dev.signalbox.agents.ImpasseDecision;
import dev.signalbox.agents.Escalation;
import dev.signalbox.agents.Impasse;
import dev.signalbox.agents.StepPlanner;
import dev.signalbox.agents.ToolGraph;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A stand-in for the LLM both runners consult, reasoning perfectly over the tool graph, so the
 * scenarios compare how often the LLM is asked rather than how good it is. At an impasse it demotes
 * to the cheapest reachable reduced goal, or hands over to a human when there is none; as the
 * every-step planner it takes the cheapest route around the failures it has seen, applying the
 * same rule when the full goal is out of reach.
 */
final class SimulatedLlm implements Escalation, StepPlanner {

  @Override
  public ImpasseDecision decide(Impasse impasse) {
    return cheapest(impasse.reducedGoals())
        .map(p -> ImpasseDecision.demote(p.last(), "cheapest reachable reduced goal"))
        .orElseGet(() -> ImpasseDecision.toHuman("no route to " + impasse.target() + " and no reduced goal in reach"));
  }

  @Override
  public Action next(AgentState state) {
    ToolGraph graph = state.graph();
    ToDoubleFunction<String> health = tool -> state.failures().containsKey(tool) ? 0 : 1;
    Optional<Path<String>> route = graph.route(state.current(), ToolGraph.GOAL, health)
        .or(() -> cheapest(graph.reducedGoalRoutes(state.current(), ToolGraph.GOAL, health)));
    if (route.isEmpty()) {
      return Action.escalate("no route to " + ToolGraph.GOAL + " and no reduced goal in reach");
    }
    String next = route.get().firstHop();
    return graph.isGoal(next) ? Action.finish(next, "cheapest reachable goal") : Action.call(next);
  }

  private static Optional<Path<String>> cheapest(List<Path<String>> routes) {
    return routes.stream().findFirst();
  }
}
