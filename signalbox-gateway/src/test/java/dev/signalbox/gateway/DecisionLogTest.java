package dev.signalbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.request.Operation;
import dev.signalbox.core.routing.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

  private static DecisionRecord record(String id) {
    return new DecisionRecord(id, 0, Operation.CHAT, "auto", "auto", "m", false, Map.of(),
        new Trace("fixed", "why", List.of()));
  }

  @Test
  void add_keepsOnlyTheMostRecent() {
    DecisionLog log = new DecisionLog(3);
    for (int i = 0; i < 5; i++) {
      log.add(record("r" + i));
    }
    assertThat(log.get("r0")).isNull();
    assertThat(log.get("r1")).isNull();
    assertThat(log.get("r4")).isNotNull();
    assertThat(log.recent(10)).extracting(DecisionRecord::requestId).containsExactly("r4", "r3", "r2");
  }

  @Test
  void add_sameIdReplacesWithoutGrowing() {
    DecisionLog log = new DecisionLog(2);
    log.add(record("a"));
    DecisionRecord second = record("a");
    log.add(second);
    log.add(record("b"));
    assertThat(log.get("a")).isSameAs(second);
    assertThat(log.recent(10)).hasSize(2);
  }

  @Test
  void add_zeroCapacityKeepsNothing() {
    DecisionLog log = new DecisionLog(0);
    log.add(record("a"));
    assertThat(log.get("a")).isNull();
  }
}
