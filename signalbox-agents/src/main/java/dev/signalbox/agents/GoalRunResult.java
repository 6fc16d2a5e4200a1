package dev.signalbox.agents;

import java.util.List;
import java.util.Optional;

/** What a run of a goal did and how it ended; implemented by single-graph and fan-out records. */
public interface GoalRunResult {

  /** How the run ended. */
  RunOutcome outcome();

  /** The result at the goal reached; empty when the run was escalated. */
  Optional<String> result();

  /** How many times the LLM was consulted. */
  int llmCalls();

  /** Every tool call, in order (per branch, branches in order, for a fan-out). */
  List<RunEvent.ToolCall> calls();

  /** Every reroute, in order. */
  List<RunEvent.Reroute> reroutes();

  /** Every escalation, in order; each one an LLM call unless the run hit its step limit. */
  List<RunEvent.Escalated> escalations();

  /** The failed tool calls. */
  default List<RunEvent.ToolCall> failures() {
    return calls().stream().filter(c -> !c.ok()).toList();
  }

  /** Failures not answered at once by a reroute or an escalation; the router keeps this at 0. */
  int silentFailures();
}
