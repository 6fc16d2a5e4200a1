package dev.signalbox.agents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The record of a fan-out: each branch's own record, the joined outcome and the joined result.
 *
 * @param goal the fan-out's name
 * @param branches branch name to its record, in branch order
 */
public record FanOutRecord(String goal, RunOutcome outcome, Optional<String> result, Map<String, RunRecord> branches)
    implements GoalRunResult {

  public FanOutRecord {
    branches = Collections.unmodifiableMap(new LinkedHashMap<>(branches));
  }

  /** Joins branch records: the worst outcome wins; results are joined unless a branch was escalated. */
  static FanOutRecord join(String goal, Map<String, RunRecord> branches, Function<Map<String, String>, String> join) {
    RunOutcome outcome = branches.values().stream().map(RunRecord::outcome).reduce(RunOutcome.GOAL_REACHED, RunOutcome::worst);
    Optional<String> result = Optional.empty();
    if (outcome != RunOutcome.ESCALATED) {
      Map<String, String> results = new LinkedHashMap<>();
      branches.forEach((name, record) -> results.put(name, record.result().orElseThrow()));
      result = Optional.of(join.apply(Collections.unmodifiableMap(results)));
    }
    return new FanOutRecord(goal, outcome, result, branches);
  }

  @Override
  public int llmCalls() {
    return branches.values().stream().mapToInt(RunRecord::llmCalls).sum();
  }

  @Override
  public List<RunEvent.ToolCall> calls() {
    return branches.values().stream().flatMap(r -> r.calls().stream()).toList();
  }

  @Override
  public List<RunEvent.Reroute> reroutes() {
    return branches.values().stream().flatMap(r -> r.reroutes().stream()).toList();
  }

  @Override
  public List<RunEvent.Escalated> escalations() {
    return branches.values().stream().flatMap(r -> r.escalations().stream()).toList();
  }

  @Override
  public int silentFailures() {
    return branches.values().stream().mapToInt(RunRecord::silentFailures).sum();
  }
}
