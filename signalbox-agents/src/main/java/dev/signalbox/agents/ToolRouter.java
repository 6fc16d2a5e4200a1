package dev.signalbox.agents;

import dev.signalbox.core.graph.ShortestPath.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The Self-Healing Router for agents (N. Bholani, "Graph-Based Self-Healing Tool Routing for
 * Cost-Efficient LLM Agents", arXiv 2603.01548). Dijkstra routes a goal from START through the
 * tool graph; before every step the health monitors reweight the tools; when a tool fails its
 * edges go to +∞ and the route is recomputed from the current node, without an LLM call. Only when
 * no finite route is left is the LLM ({@link Escalation}) consulted, to demote the goal or hand
 * the run to a human. Every failure is answered at once by a logged reroute or an explicit
 * escalation, never skipped. Thread-safe when its callbacks are.
 */
public final class ToolRouter implements GoalRunner {
  private final ToolExecutor tools;
  private final Escalation escalation;
  private final HealthBoard board;
  private final Executor branchExecutor;

  private ToolRouter(Builder b) {
    this.tools = b.tools;
    this.escalation = b.escalation;
    this.board = new HealthBoard(b.monitors);
    this.branchExecutor = b.branchExecutor;
  }

  /** A router that calls tools through {@code tools} and consults {@code escalation} at impasses. */
  public static Builder builder(ToolExecutor tools, Escalation escalation) {
    return new Builder(tools, escalation);
  }

  @Override
  public RunRecord run(ToolGraph graph, String input) {
    Run run = new Run(graph, input);
    String current = ToolGraph.START;
    String target = ToolGraph.GOAL;
    List<String> plan = List.of();
    Optional<String> unansweredFailure = Optional.empty();
    while (true) {
      Map<String, HealthSignal> signals = board.poll();
      ToDoubleFunction<String> health = tool -> run.hasFailed(tool) ? 0 : HealthBoard.health(signals, tool);
      Optional<Path<String>> route = graph.route(current, target, health);
      if (route.isEmpty()) {
        String reason = "no finite route from " + current + " to " + target;
        List<HealthSignal> onThisGraph = HealthBoard.unhealthy(signals.values()).stream()
            .filter(s -> graph.tool(s.tool()).isPresent()).toList();
        ImpasseDecision decision = consult(run, run.impasse(current, target, reason, health, onThisGraph));
        if (!decision.demotes()) {
          return run.escalated();
        }
        target = decision.reducedGoal().orElseThrow();
        plan = List.of();
        unansweredFailure = Optional.empty();
        continue;
      }
      // Keep the plan while nothing cheaper exists, so an equal-cost tie never reads as a reroute.
      List<String> path = !plan.isEmpty() && graph.cost(plan, health) <= route.get().cost() ? plan : route.get().nodes();
      if (unansweredFailure.isPresent()) {
        String failed = unansweredFailure.get();
        run.rerouted(current, path, failed + " failed: " + run.failures().get(failed), unansweredFailure, false);
        unansweredFailure = Optional.empty();
      } else if (!plan.isEmpty() && !plan.equals(path)) {
        run.rerouted(current, path, "monitor: " + signalsOn(plan, signals), Optional.empty(), false);
      }
      String next = path.get(1);
      if (next.equals(target)) {
        return run.reached(target);
      }
      if (run.atStepLimit()) {
        return run.stopAtStepLimit(current, target, health);
      }
      if (run.call(next, tools)) {
        current = next;
        plan = path.subList(1, path.size());
      } else {
        unansweredFailure = Optional.of(next);
        plan = List.of();
      }
    }
  }

  /** Runs the fan-out's branches on the branch executor (one after another unless one was set). */
  @Override
  public FanOutRecord run(FanOut goal, String input) {
    return goal.run(this, input, branchExecutor);
  }

  /** One LLM call; a decision it cannot carry out becomes a hand-over, so nothing is dropped. */
  private ImpasseDecision consult(Run run, Impasse impasse) {
    run.llmCalled();
    ImpasseDecision decision;
    try {
      decision = Objects.requireNonNull(escalation.decide(impasse), "the escalation returned no decision");
    } catch (RuntimeException e) {
      decision = ImpasseDecision.toHuman("escalation failed: " + e);
    }
    Optional<String> demotedTo = decision.reducedGoal();
    if (demotedTo.isPresent() && !impasse.offers(demotedTo.get())) {
      decision = ImpasseDecision.toHuman("the LLM chose " + demotedTo.get() + ", which is not a reachable reduced goal");
    }
    run.escalation(impasse, decision, true);
    return decision;
  }

  /** Why a plan changed with no failure: the signals on the tools it was going to call. */
  private static String signalsOn(List<String> plan, Map<String, HealthSignal> signals) {
    List<String> seen = new ArrayList<>();
    for (String node : plan.subList(1, plan.size())) {
      HealthSignal s = signals.get(node);
      if (s != null && s.health() < 1) {
        seen.add(s.toString());
      }
    }
    return seen.isEmpty() ? "a cheaper route after a health update" : seen.stream().collect(Collectors.joining("; "));
  }

  /** Configures a {@link ToolRouter}. */
  public static final class Builder {
    private final ToolExecutor tools;
    private final Escalation escalation;
    private final List<HealthMonitor> monitors = new ArrayList<>();
    private Executor branchExecutor = Runnable::run;

    private Builder(ToolExecutor tools, Escalation escalation) {
      this.tools = Objects.requireNonNull(tools, "tools");
      this.escalation = Objects.requireNonNull(escalation, "escalation");
    }

    /** Adds a health monitor, polled before every step. */
    public Builder monitor(HealthMonitor monitor) {
      monitors.add(Objects.requireNonNull(monitor, "monitor"));
      return this;
    }

    /** Runs fan-out branches on {@code executor}, e.g. a thread pool to run them concurrently. */
    public Builder branchExecutor(Executor executor) {
      this.branchExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    public ToolRouter build() {
      return new ToolRouter(this);
    }
  }
}
