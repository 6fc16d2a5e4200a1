package dev.signalbox.core.graph.tools.scenarios;

import dev.signalbox.core.graph.tools.Goal;
import dev.signalbox.core.graph.tools.Outcome;
import dev.signalbox.core.graph.tools.RunResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool-routing scenario: a goal, the faults injected, and the outcome a correct run has.
 *
 * @param name e.g. {@code dag/shortcut-fails}
 * @param description what goes wrong, in a sentence
 * @param expectedResult the result a correct run ends with; empty when it must be escalated
 */
public record Scenario(
    String name,
    Topology topology,
    String description,
    Goal goal,
    Faults faults,
    Outcome expectedOutcome,
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

  public Scenario {
    Objects.requireNonNull(goal, "goal");
    if (expectedResult.isPresent() == (expectedOutcome == Outcome.ESCALATED)) {
      throw new IllegalArgumentException(name + ": a result is expected exactly when the run is not escalated");
    }
  }

  /** Whether {@code run} ended as expected: the expected outcome with the expected result. */
  public boolean isMetBy(RunResult run) {
    return run.outcome() == expectedOutcome && run.result().equals(expectedResult);
  }
}
