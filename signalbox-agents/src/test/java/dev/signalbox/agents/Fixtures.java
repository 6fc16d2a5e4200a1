package dev.signalbox.agents;

import static dev.signalbox.agents.ToolGraph.GOAL;
import static dev.signalbox.agents.ToolGraph.START;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small graphs and scripted callbacks for the tool-routing tests. */
final class Fixtures {
  private Fixtures() {}

  /** A zero-latency, zero-risk tool costing {@code cost} weight units (a tenth of a cent each). */
  static Tool tool(String name, double cost) {
    return new Tool(name, 0, cost / 1000, 0);
  }

  /** a1 (1) | a2 (2) → b1 (1) | b2 (3) → GOAL; reduced goal "partial" after stage a. */
  static ToolGraph pipeline() {
    return ToolGraph.builder("pipe")
        .stage(tool("a1", 1), tool("a2", 2))
        .reducedGoal("partial", "a1", "a2")
        .stage(tool("b1", 1), tool("b2", 3))
        .build();
  }

  /** START → x (1) → y (1) → z (1) → GOAL, with a shortcut START → xy (2.5) → z, and x → w (5) → GOAL. */
  static ToolGraph dag() {
    return ToolGraph.builder("dag")
        .tool(tool("x", 1)).tool(tool("y", 1)).tool(tool("z", 1)).tool(tool("xy", 2.5)).tool(tool("w", 5))
        .edge(START, "x").edge("x", "y").edge("y", "z").edge("z", GOAL)
        .edge(START, "xy").edge("xy", "z")
        .edge("x", "w").edge("w", GOAL)
        .build();
  }

  /** Tools that succeed with their name appended to the last output, except those set to fail. */
  static final class ScriptedTools implements ToolExecutor {
    final Map<String, String> failing = Collections.synchronizedMap(new HashMap<>());
    final List<String> called = new CopyOnWriteArrayList<>();

    ScriptedTools failing(String tool, String reason) {
      failing.put(tool, reason);
      return this;
    }

    @Override
    public ToolResult execute(Tool tool, ToolContext context) {
      called.add(tool.name());
      String reason = failing.get(tool.name());
      return reason != null ? ToolResult.failure(reason) : ToolResult.success(context.lastOutput() + ">" + tool.name());
    }
  }

  /** An LLM stand-in that answers every impasse with the next scripted decision and keeps the impasses. */
  static final class ScriptedEscalation implements Escalation {
    final List<ImpasseDecision> decisions;
    final List<Impasse> impasses = new ArrayList<>();

    ScriptedEscalation(ImpasseDecision... decisions) {
      this.decisions = new ArrayList<>(List.of(decisions));
    }

    @Override
    public ImpasseDecision decide(Impasse impasse) {
      impasses.add(impasse);
      return decisions.isEmpty() ? ImpasseDecision.toHuman("nothing scripted") : decisions.remove(0);
    }
  }

  /** A monitor whose signals the test sets. */
  static final class SettableMonitor implements HealthMonitor {
    volatile List<HealthSignal> signals = List.of();

    @Override
    public List<HealthSignal> signals() {
      return signals;
    }
  }
}
