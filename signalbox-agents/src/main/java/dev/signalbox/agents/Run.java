package dev.signalbox.agents;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The state and record of one run over a tool graph; the router and the baseline both keep one. */
final class Run {
  private final ToolGraph graph;
  private final String input;
  private final int stepLimit;
  private final List<RunEvent> events = new ArrayList<>();
  private final Map<String, String> outputs = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private int llmCalls;
  private int steps;

  Run(ToolGraph graph, String input) {
    this.graph = graph;
    this.input = input;
    // A guard, not a budget: shortest routes visit each node once, so only a looping planner or
    // flapping monitors on a graph with cycles come near it.
    this.stepLimit = 4 * graph.graph().nodes().size();
  }

  ToolContext context() {
    return new ToolContext(graph.name(), input, outputs);
  }

  Map<String, String> failures() {
    return Collections.unmodifiableMap(failures);
  }

  boolean hasFailed(String tool) {
    return failures.containsKey(tool);
  }

  /** Calls the tool at {@code node} and records the call; an exception is a failure. */
  boolean call(String node, ToolExecutor executor) {
    Tool tool = graph.tool(node).orElseThrow(() -> new IllegalArgumentException(node + " is not a tool"));
    steps++;
    ToolResult result;
    try {
      result = executor.execute(tool, context());
      if (result == null) {
        result = ToolResult.failure("executor returned no result");
      }
    } catch (RuntimeException e) {
      result = ToolResult.failure(e.toString());
    }
    events.add(new RunEvent.ToolCall(node, result.ok(), result.ok() ? result.output() : result.reason()));
    if (result.ok()) {
      outputs.remove(node); // a tool run again moves to the end, so lastOutput stays the latest
      outputs.put(node, result.output());
    } else {
      failures.put(node, result.reason());
    }
    return result.ok();
  }

  void rerouted(String from, List<String> path, String cause, Optional<String> failedTool, boolean byLlm) {
    events.add(new RunEvent.Reroute(from, path, cause, failedTool, byLlm));
  }

  void llmCalled() {
    llmCalls++;
  }

  void escalation(Impasse impasse, ImpasseDecision decision, boolean llmConsulted) {
    events.add(new RunEvent.Escalated(impasse, decision, llmConsulted));
  }

  /** The impasse at {@code current}, offering the reduced goals reachable under {@code health}. */
  Impasse impasse(String current, String target, String reason, ToDoubleFunction<String> health,
      List<HealthSignal> signals) {
    return new Impasse(graph.name(), current, target, reason, failures, signals,
        graph.reducedGoalRoutes(current, target, health));
  }

  boolean atStepLimit() {
    return steps >= stepLimit;
  }

  /** Hands the run to a human without an LLM call, because it made {@code stepLimit} calls. */
  RunRecord stopAtStepLimit(String current, String target, ToDoubleFunction<String> health) {
    String reason = "step limit of " + stepLimit + " tool calls reached";
    escalation(impasse(current, target, reason, health, List.of()), ImpasseDecision.toHuman(reason), false);
    return escalated();
  }

  RunRecord reached(String goal) {
    RunOutcome outcome = ToolGraph.GOAL.equals(goal) ? RunOutcome.GOAL_REACHED : RunOutcome.DEMOTED_GOAL_REACHED;
    return new RunRecord(graph.name(), outcome, Optional.of(goal), Optional.of(context().lastOutput()), events, llmCalls);
  }

  RunRecord escalated() {
    return new RunRecord(graph.name(), RunOutcome.ESCALATED, Optional.empty(), Optional.empty(), events, llmCalls);
  }
}
