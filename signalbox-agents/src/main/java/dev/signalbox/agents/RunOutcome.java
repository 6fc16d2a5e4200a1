package dev.signalbox.agents;

/** How a run ended, from best to worst. */
public enum RunOutcome {
  /** The full goal was reached. */
  GOAL_REACHED("goal"),
  /** No route to the full goal was left; the LLM demoted it and the reduced goal was reached. */
  DEMOTED_GOAL_REACHED("demoted"),
  /** Handed over to a human, with the reason in the record. */
  ESCALATED("escalated");

  private final String label;

  RunOutcome(String label) {
    this.label = label;
  }

  /** A short label for tables. */
  public String label() {
    return label;
  }

  /** The worse of two outcomes. */
  public RunOutcome worst(RunOutcome other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
