package dev.signalbox.agents;

import java.util.Objects;

/**
 * The next action a {@link StepPlanner} chose: call a tool, finish at a goal, or escalate.
 *
 * @param target the tool to call or the goal to finish at; empty when escalating
 * @param reason the planner's reason, kept in the record
 */
public record Action(Kind kind, String target, String reason) {
  /** What kind of action. */
  public enum Kind { CALL, FINISH, ESCALATE }

  public Action {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
  }

  /** Call {@code tool} next; it must follow the current node in the graph. */
  public static Action call(String tool) {
    return new Action(Kind.CALL, tool, "");
  }

  /** Finish at {@code goal} (GOAL, or a reduced goal to demote the run); it must follow the current node. */
  public static Action finish(String goal, String reason) {
    return new Action(Kind.FINISH, goal, reason);
  }

  /** Hand the run to a human. */
  public static Action escalate(String reason) {
    return new Action(Kind.ESCALATE, "", reason);
  }
}
