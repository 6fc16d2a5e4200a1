package dev.signalbox.agents;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A goal that needs several independent branches, each a tool graph routed on its own (possibly
 * concurrently), whose results are joined. The goal is escalated when any branch is, demoted when
 * any branch is demoted, and reached when every branch reaches its goal.
 */
public final class FanOut implements AgentGoal {
  private final String name;
  private final List<ToolGraph> branches;
  private final Function<Map<String, String>, String> join;

  private FanOut(String name, List<ToolGraph> branches, Function<Map<String, String>, String> join) {
    this.name = Objects.requireNonNull(name, "name");
    this.branches = List.copyOf(branches);
    this.join = Objects.requireNonNull(join, "join");
    Set<String> names = new HashSet<>();
    if (this.branches.isEmpty() || !this.branches.stream().allMatch(b -> names.add(b.name()))) {
      throw new IllegalArgumentException("fan-out " + name + " needs branches with distinct names: " + branches);
    }
  }

  /** A fan-out over {@code branches} (named by their graphs) that joins results as {@code a=x; b=y}. */
  public static FanOut of(String name, ToolGraph... branches) {
    return new FanOut(name, List.of(branches), results -> results.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; ")));
  }

  /** The same fan-out joining branch results (branch name to result, in branch order) with {@code join}. */
  public FanOut joinedBy(Function<Map<String, String>, String> join) {
    return new FanOut(name, branches, join);
  }

  @Override
  public String name() {
    return name;
  }

  public List<ToolGraph> branches() {
    return branches;
  }

  @Override
  public FanOutRecord runOn(GoalRunner runner, String input) {
    return runner.run(this, input);
  }

  /** Runs every branch with {@code runner} on {@code executor}, waits for all of them, and joins. */
  public FanOutRecord run(GoalRunner runner, String input, Executor executor) {
    Map<String, CompletableFuture<RunRecord>> running = new LinkedHashMap<>();
    for (ToolGraph branch : branches) {
      running.put(branch.name(), CompletableFuture.supplyAsync(() -> runner.run(branch, input), executor));
    }
    Map<String, RunRecord> records = new LinkedHashMap<>();
    running.forEach((branch, future) -> records.put(branch, future.join()));
    return FanOutRecord.join(name, records, join);
  }
}
