package dev.signalbox.agents.scenarios;

import dev.signalbox.agents.AgentGoal;
import dev.signalbox.agents.RunOutcome;
import dev.signalbox.agents.GoalRunResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool-routing scenario: a goal, the faults injected, and the outcome a correct run has.
 *
 * @param name e.g. {@code dag/shortcut-fails}
 * @param description what goes wrong, in a sentence
 * @param expectedResult the result a correct run ends with; empty when it must be escalated
 */
public record ToolScenario(
    String name,
    Topology topology,
    String description,
    AgentGoal goal,
    ToolFaults faults,
    RunOutcome expectedOutcome,
    Optional<String> expectedResult) {

  /** The three topologies of the paper. */
  public enum Topology {
    PIPELINE("pipeline"), DAG("dag"), FAN_OUT("fan-out");

    private final String label;

    Topology(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public ToolScenario {
    Objects.requireNonNull(goal, "goal");
    if (expectedResult.isPresent() == (expectedOutcome == RunOutcome.ESCALATED)) {
      throw new IllegalArgumentException(name + ": a result is expected exactly when the run is not escalated");
    }
  }

  /** Whether {@code run} ended as expected: the expected outcome with the expected result. */
  public boolean isMetBy(GoalRunResult run) {
    return run.outcome() == expectedOutcome && run.result().equals(expectedResult);
  }
}
