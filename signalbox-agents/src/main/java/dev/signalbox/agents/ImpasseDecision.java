package dev.signalbox.agents;

import java.util.Objects;
import java.util.Optional;

/**
 * What the LLM decided at an impasse: demote the run to a reduced goal, or hand it to a human.
 *
 * @param reducedGoal the goal to demote to; empty for a hand-over
 * @param reason the LLM's reason, kept in the record
 */
public record ImpasseDecision(Optional<String> reducedGoal, String reason) {
  public ImpasseDecision {
    Objects.requireNonNull(reducedGoal, "reducedGoal");
    Objects.requireNonNull(reason, "reason");
  }

  /** Demote the run to {@code reducedGoal}. */
  public static ImpasseDecision demote(String reducedGoal, String reason) {
    return new ImpasseDecision(Optional.of(reducedGoal), reason);
  }

  /** Hand the run to a human. */
  public static ImpasseDecision toHuman(String reason) {
    return new ImpasseDecision(Optional.empty(), reason);
  }

  /** Whether this decision demotes the run rather than handing it over. */
  public boolean demotes() {
    return reducedGoal.isPresent();
  }

  @Override
  public String toString() {
    return reducedGoal.map(g -> "demote to " + g).orElse("escalate to human") + " (" + reason + ")";
  }
}
