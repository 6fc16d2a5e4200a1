package dev.signalbox.learn.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.routing.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reward, the outcome merge, the pending decisions and the single writer. */
class OnlineBasicsTest {

  @Test
  void reward_tradesQualityAgainstScaledCostAndLatency() {
    Reward r = new Reward(0.2, 0.01, 0.1);
    // 0.8·0.8 − 0.2·0.005/0.01 − 0.1·2 s = 0.64 − 0.1 − 0.2
    assertThat(r.of(0.8, 0.005, 2000)).isCloseTo(0.34, within(1e-12));
    assertThat(r.of(0.8, Double.NaN, Double.NaN)).isCloseTo(0.64, within(1e-12)); // unknown cost and latency: 0
    assertThat(r.of(Outcome.measured(0.005, Double.NaN, -1, -1, "HTTP 500"))).isCloseTo(-0.1, within(1e-12)); // failure: quality 0
    assertThat(Reward.fromJson(r.toJson())).isEqualTo(r);
    assertThatThrownBy(() -> new Reward(1.5, 1, 0)).hasMessageContaining("lambda");
  }

  @Test
  void observedScale_isTheDearestModelsPriceForTheMeanMeasuredRequest() {
    List<ModelSpec> models = List.of(new ModelSpec("a", 1, 2, 4096, Set.of(Operation.CHAT)),
        new ModelSpec("b", 3, 12, 4096, Set.of(Operation.CHAT)));
    Reward r = Reward.observed(0.1, 0, ObservedScale.of(models));
    assertThat(r.costScale()).isCloseTo(0.009, within(1e-12)); // nothing measured: b for 1,000 + 500 tokens
    r.observe(Outcome.measured(0.0006, 100, 100, 50, null));
    r.observe(Outcome.measured(0.0018, 100, 300, 150, null));
    r.observe(Outcome.measured(Double.NaN, 100, 5000, 0, "HTTP 500")); // a failure does not count
    assertThat(r.costScale()).isCloseTo((200 * 3 + 100 * 12) / 1e6, within(1e-12)); // b for the mean 200 + 100
    assertThat(r.of(1, 0.0009, Double.NaN)).isCloseTo(0.9 - 0.1 * 0.5, within(1e-12));

    Reward restored = Reward.fromJson(r.toJson());
    assertThat(restored.costScale()).isEqualTo(r.costScale());
    restored.observe(Outcome.measured(0.001, 100, 500, 250, null));
    assertThat(restored.costScale()).isCloseTo((300 * 3 + 150 * 12) / 1e6, within(1e-12)); // the mean goes on
  }

  @Test
  void outcomes_mergeTheirHalves() {
    Outcome measured = Outcome.measured(0.002, 300, 10, 20, null);
    assertThat(measured.complete()).isFalse(); // answered, not scored yet
    Outcome both = measured.merge(Outcome.feedback(0.7));
    assertThat(both.complete()).isTrue();
    assertThat(both.quality()).isEqualTo(0.7);
    assertThat(both.costUsd()).isEqualTo(0.002);
    assertThat(Outcome.feedback(0.7).merge(measured).quality()).isEqualTo(0.7); // either order
    assertThat(Outcome.measured(Double.NaN, 10, -1, -1, "timeout").complete()).isTrue();
    assertThatThrownBy(() -> Outcome.feedback(1.2)).hasMessageContaining("[0, 1]");
  }

  @Test
  void pendingOutcomes_areBounded_andLeaveWhenComplete() {
    PendingOutcomes<String> p = new PendingOutcomes<>(2);
    p.put("1", "a");
    p.put("2", "b");
    p.put("3", "c"); // the oldest is forgotten
    assertThat(p.merge("1", Outcome.feedback(1))).isNull();
    assertThat(p.merge("2", Outcome.feedback(1)).outcome().complete()).isFalse();
    PendingOutcomes.Merged<String> done = p.merge("2", Outcome.measured(0, 1, 1, 1, null));
    assertThat(done.context()).isEqualTo("b");
    assertThat(done.outcome().complete()).isTrue();
    assertThat(p.merge("2", Outcome.feedback(1))).isNull();
    assertThat(p.size()).isEqualTo(1);
  }

  @Test
  void theAsyncWriter_appliesEverythingInOrder_beforeFlushReturns() {
    List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    try (UpdateQueue<Integer> q = new UpdateQueue<>("test-writer", applied::addAll, true)) {
      for (int i = 0; i < 5000; i++) {
        q.submit(i);
      }
      q.flush();
      assertThat(applied).hasSize(5000);
      for (int i = 0; i < 5000; i++) {
        assertThat(applied.get(i)).isEqualTo(i);
      }
    }
    List<Integer> inline = new ArrayList<>();
    UpdateQueue<Integer> q = new UpdateQueue<>("inline", inline::addAll, false);
    q.submit(7);
    assertThat(inline).containsExactly(7); // applied before submit returns
  }

  @Test
  void theAsyncWriter_survivesAFailingUpdate() {
    List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    try (UpdateQueue<Integer> q = new UpdateQueue<>("test-writer", batch -> {
      if (batch.contains(-1)) {
        throw new IllegalStateException("bad update");
      }
      applied.addAll(batch);
    }, true)) {
      q.submit(-1);
      q.flush();
      q.submit(1);
      q.flush();
      assertThat(applied).containsExactly(1);
    }
  }
}
