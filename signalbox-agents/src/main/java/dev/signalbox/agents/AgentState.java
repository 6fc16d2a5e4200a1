package dev.signalbox.agents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the every-step planner sees before each action, as a ReAct prompt would show it.
 *
 * @param current START or the last tool that succeeded
 * @param failures the tools that failed so far and why, in order
 */
public record AgentState(ToolGraph graph, String current, ToolContext context, Map<String, String> failures) {
  public AgentState {
    failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }
}
