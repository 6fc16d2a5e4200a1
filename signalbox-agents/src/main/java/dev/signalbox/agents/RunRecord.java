package dev.signalbox.agents;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The full record of one run over a tool graph: every tool call, reroute and escalation in order,
 * the LLM calls, and the outcome.
 *
 * @param graph the tool graph's name
 * @param reachedGoal the goal node reached; empty when escalated
 * @param result the output at that goal (the last tool's output, or the input when no tool ran)
 */
public record RunRecord(
    String graph,
    RunOutcome outcome,
    Optional<String> reachedGoal,
    Optional<String> result,
    List<RunEvent> events,
    int llmCalls) implements GoalRunResult {

  public RunRecord {
    Objects.requireNonNull(outcome, "outcome");
    events = List.copyOf(events);
    if (reachedGoal.isPresent() != (outcome != RunOutcome.ESCALATED) || result.isPresent() != reachedGoal.isPresent()) {
      throw new IllegalArgumentException("a goal and a result are recorded exactly when the run was not escalated");
    }
  }

  @Override
  public List<RunEvent.ToolCall> calls() {
    return eventsOf(RunEvent.ToolCall.class);
  }

  @Override
  public List<RunEvent.Reroute> reroutes() {
    return eventsOf(RunEvent.Reroute.class);
  }

  @Override
  public List<RunEvent.Escalated> escalations() {
    return eventsOf(RunEvent.Escalated.class);
  }

  /** The tools that succeeded, in order: the path the run took. */
  public List<String> path() {
    return calls().stream().filter(RunEvent.ToolCall::ok).map(RunEvent.ToolCall::tool).toList();
  }

  @Override
  public int silentFailures() {
    int silent = 0;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof RunEvent.ToolCall call && !call.ok()
          && (i + 1 == events.size() || !events.get(i + 1).answersFailureOf(call.tool()))) {
        silent++;
      }
    }
    return silent;
  }

  /** The record as text, one event a line. */
  public String describe() {
    StringBuilder s = new StringBuilder(graph + ": " + outcome.label()
        + reachedGoal.map(g -> " at " + g).orElse("") + ", " + llmCalls + " LLM calls\n");
    for (RunEvent e : events) {
      if (e instanceof RunEvent.ToolCall c) {
        s.append(c.ok() ? "  ok    " : "  FAIL  ").append(c.tool()).append(": ").append(c.detail());
      } else if (e instanceof RunEvent.Reroute r) {
        s.append("  reroute from ").append(r.from()).append(" (").append(r.cause()).append("): ")
            .append(String.join(" -> ", r.path())).append(r.byLlm() ? " [LLM]" : "");
      } else if (e instanceof RunEvent.Escalated x) {
        s.append("  impasse: ").append(x.impasse().reason()).append("; ").append(x.decision())
            .append(x.llmConsulted() ? " [LLM]" : "");
      }
      s.append('\n');
    }
    return s.toString();
  }

  private <T extends RunEvent> List<T> eventsOf(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
