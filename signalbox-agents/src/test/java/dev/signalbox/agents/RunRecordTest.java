package dev.signalbox.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRecordTest {
  static final RunEvent.ToolCall A_FAILS = new RunEvent.ToolCall("a", false, "HTTP 500");
  static final RunEvent.ToolCall B_OK = new RunEvent.ToolCall("b", true, "out");

  static RunRecord reached(RunEvent... events) {
    return new RunRecord("g", RunOutcome.GOAL_REACHED, Optional.of("GOAL"), Optional.of("out"), List.of(events), 0);
  }

  static Impasse impasse(Map<String, String> failures) {
    return new Impasse("g", "START", "GOAL", "no route", failures, List.of(), List.of());
  }

  @Test
  void silentFailures_failureSkippedByTheNextCall_isCounted() {
    assertThat(reached(A_FAILS, B_OK).silentFailures()).isEqualTo(1);
  }

  @Test
  void silentFailures_failureAsTheLastEvent_isCounted() {
    assertThat(reached(B_OK, A_FAILS).silentFailures()).isEqualTo(1);
  }

  @Test
  void silentFailures_rerouteForAnotherTool_doesNotAnswer() {
    RunEvent.Reroute other = new RunEvent.Reroute("START", List.of("START", "b"), "c failed", Optional.of("c"), false);
    assertThat(reached(A_FAILS, other, B_OK).silentFailures()).isEqualTo(1);
  }

  @Test
  void silentFailures_answeredByARerouteOrAnEscalation_isZero() {
    RunEvent.Reroute reroute = new RunEvent.Reroute("START", List.of("START", "b"), "a failed", Optional.of("a"), false);
    RunEvent.Escalated escalated = new RunEvent.Escalated(impasse(Map.of("a", "HTTP 500")),
        ImpasseDecision.toHuman("stuck"), true);
    assertThat(reached(A_FAILS, reroute, B_OK).silentFailures()).isZero();
    assertThat(new RunRecord("g", RunOutcome.ESCALATED, Optional.empty(), Optional.empty(),
        List.of(A_FAILS, escalated), 1).silentFailures()).isZero();
  }

  @Test
  void new_resultWithoutAGoalOrOnEscalation_isRejected() {
    assertThatThrownBy(() -> new RunRecord("g", RunOutcome.ESCALATED, Optional.of("GOAL"), Optional.of("x"), List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RunRecord("g", RunOutcome.GOAL_REACHED, Optional.empty(), Optional.empty(), List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void describe_listsEveryEventOnItsOwnLine() {
    RunEvent.Reroute reroute = new RunEvent.Reroute("START", List.of("START", "b", "GOAL"), "a failed: HTTP 500",
        Optional.of("a"), false);
    assertThat(reached(A_FAILS, reroute, B_OK).describe()).isEqualTo("""
        g: goal at GOAL, 0 LLM calls
          FAIL  a: HTTP 500
          reroute from START (a failed: HTTP 500): START -> b -> GOAL
          ok    b: out
        """);
  }
}
