package dev.signalbox.agents;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One entry of a run's record: a tool call, a reroute, or an escalation. */
public sealed interface RunEvent {

  /** Whether this event accounts for the failure of {@code tool} in the event just before it. */
  boolean answersFailureOf(String tool);

  /**
   * One call of a tool.
   *
   * @param detail the output when {@code ok}, else the failure's reason
   */
  record ToolCall(String tool, boolean ok, String detail) implements RunEvent {
    public ToolCall {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public boolean answersFailureOf(String failed) {
      return false;
    }
  }

  /**
   * A new route from {@code from}, after a failure or a monitor signal.
   *
   * @param path the new route, from {@code from} to the goal
   * @param cause why, e.g. {@code fetch.http failed: timeout}
   * @param failedTool the tool whose failure caused it; empty when a monitor did
   * @param byLlm whether an LLM chose the new route (the every-step baseline) or Dijkstra did
   */
  record Reroute(String from, List<String> path, String cause, Optional<String> failedTool, boolean byLlm)
      implements RunEvent {
    public Reroute {
      path = List.copyOf(path);
    }

    @Override
    public boolean answersFailureOf(String tool) {
      return failedTool.filter(tool::equals).isPresent();
    }
  }

  /**
   * An impasse and what was decided.
   *
   * @param llmConsulted whether the LLM decided; false only for a run stopped at its step limit
   */
  record Escalated(Impasse impasse, ImpasseDecision decision, boolean llmConsulted) implements RunEvent {
    @Override
    public boolean answersFailureOf(String tool) {
      return impasse.failures().containsKey(tool);
    }
  }
}
