package dev.signalbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.request.Operation;
import dev.signalbox.core.routing.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionRecordTest {

  private static DecisionRecord record() {
    Trace trace = new Trace("rules", "rule 'code' matched: task=code", List.of(
        new Trace.Alternative("code", "big", 10, "matched"),
        new Trace.Alternative("default", "small", 0, "not needed")));
    return new DecisionRecord("r1", 0, Operation.CHAT, "auto", "auto", "big", false, Map.of(), trace);
  }

  @Test
  void attempts_keepTheirOrderFromFirstToLast() {
    DecisionRecord r = record();
    assertThat(r.attempts()).isEmpty();
    r.attempt("a", "connection refused", 1.5);
    assertThat(r.attempts()).containsExactly(new DecisionRecord.Attempt("a", "connection refused", 1.5));
    r.attempt("b", "HTTP 503", 2);
    r.attempt("c", DecisionRecord.answered(200), 3);
    assertThat(r.attempts()).extracting(DecisionRecord.Attempt::endpoint).containsExactly("a", "b", "c");
    assertThat(r.attempts().get(2).outcome()).isEqualTo("HTTP 200");
  }

  @Test
  void answered_sharesTheTextOfEachStatus() {
    assertThat(DecisionRecord.answered(200)).isEqualTo("HTTP 200").isSameAs(DecisionRecord.answered(200));
    assertThat(DecisionRecord.answered(599)).isEqualTo("HTTP 599");
    assertThat(DecisionRecord.answered(700)).isEqualTo("HTTP 700");
  }

  @Test
  @SuppressWarnings("unchecked")
  void toMap_showsTheTraceAndEveryAttempt() {
    DecisionRecord r = record();
    r.attempt("a", "HTTP 502", 1);
    r.attempt("b", DecisionRecord.answered(200), 2);
    Map<String, Object> m = r.toMap();
    Map<String, Object> decision = (Map<String, Object>) m.get("decision");
    assertThat(decision).containsEntry("policy", "rules").containsEntry("reason", "rule 'code' matched: task=code");
    assertThat((List<Map<String, Object>>) decision.get("alternatives")).extracting(a -> a.get("note"))
        .containsExactly("matched", "not needed");
    assertThat((List<Map<String, Object>>) m.get("attempts"))
        .extracting(a -> a.get("endpoint") + " " + a.get("outcome"))
        .containsExactly("a HTTP 502", "b HTTP 200");
  }
}
