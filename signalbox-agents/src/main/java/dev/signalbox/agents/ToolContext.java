package dev.signalbox.agents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a tool call sees: the run's input and the outputs of the tools that succeeded before it.
 *
 * @param graph the tool graph's name (the branch, in a fan-out)
 * @param outputs tool name to output, in the order the tools ran
 */
public record ToolContext(String graph, String input, Map<String, String> outputs) {
  public ToolContext {
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  /** The output of the last tool that succeeded, or the input when none has run. */
  public String lastOutput() {
    String last = input;
    for (String output : outputs.values()) {
      last = output;
    }
    return last;
  }
}
