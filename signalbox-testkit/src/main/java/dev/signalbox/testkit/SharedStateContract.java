package dev.signalbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.state.SharedState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SharedState} store does: values round-trip by key, keys list sorted by prefix,
 * values are copied in and out, bad keys are refused, concurrent writers all land, and (for a
 * store that persists) what was written is there when the store is opened again. Extend it with
 * {@link #open} to run it against a store: memory and file run it in this module's tests, and a
 * later store (Redis) runs the same.
 */
public abstract class SharedStateContract {
  private final List<SharedState> opened = new ArrayList<>();

  /** The store under test, empty at the start of each test; opened again, it sees the same data if it persists. */
  protected abstract SharedState openStore();

  /** Whether the store keeps its data after {@link SharedState#close} (the memory store does not). */
  protected abstract boolean persists();

  private SharedState open() {
    SharedState s = openStore();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(SharedState::close);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void valuesRoundTripByKey_andKeysListSortedByPrefix() {
    SharedState s = open();
    byte[] v = bytes("{\"a\":1}");
    assertThat(join(s.get("learners/auto"))).isEmpty();
    join(s.put("learners/auto", v));
    join(s.put("learners/adaptive", v));
    join(s.put("spend/team-a", v));
    assertThat(join(s.get("learners/auto")).map(b -> new String(b, StandardCharsets.UTF_8)))
        .isEqualTo(Optional.of("{\"a\":1}"));
    assertThat(join(s.keys("learners/"))).containsExactly("learners/adaptive", "learners/auto");
    assertThat(join(s.keys(""))).containsExactly("learners/adaptive", "learners/auto", "spend/team-a");
    assertThat(join(s.delete("learners/auto"))).isTrue();
    assertThat(join(s.delete("learners/auto"))).isFalse();
    assertThat(join(s.keys("learners/"))).containsExactly("learners/adaptive");
  }

  @Test
  void put_replacesTheValue() {
    SharedState s = open();
    join(s.put("k", bytes("one")));
    join(s.put("k", bytes("two")));
    assertThat(join(s.get("k"))).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("two")));
    assertThat(join(s.keys("k"))).containsExactly("k");
  }

  @Test
  void valuesAreCopied_inAndOut() {
    SharedState s = open();
    byte[] v = bytes("abc");
    join(s.put("k", v));
    v[0] = 'x';
    byte[] read = join(s.get("k")).orElseThrow();
    read[1] = 'y';
    assertThat(join(s.get("k")).orElseThrow()).isEqualTo(bytes("abc"));
  }

  @Test
  void keysOutsideThePortableAlphabet_areRefused() {
    SharedState s = open();
    for (String bad : List.of("learners/a b", "", "a%2Fb", "x".repeat(201), "é")) {
      assertThatThrownBy(() -> s.put(bad, bytes("v"))).as(bad).hasMessageContaining("state keys");
      assertThatThrownBy(() -> s.get(bad)).as(bad).hasMessageContaining("state keys");
      assertThatThrownBy(() -> s.delete(bad)).as(bad).hasMessageContaining("state keys");
    }
  }

  @Test
  void aLargeValue_roundTrips() {
    SharedState s = open();
    byte[] big = new byte[2 << 20];
    Arrays.fill(big, (byte) 7);
    big[big.length - 1] = 1;
    join(s.put("learners/big", big));
    assertThat(join(s.get("learners/big")).orElseThrow()).isEqualTo(big);
  }

  @Test
  void concurrentWriters_allLand() {
    SharedState s = open();
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      writes.add(CompletableFuture.runAsync(() -> join(s.put("w/" + n, bytes(String.valueOf(n))))));
    }
    writes.forEach(CompletableFuture::join);
    assertThat(join(s.keys("w/"))).hasSize(200);
    assertThat(join(s.get("w/123")).orElseThrow()).isEqualTo(bytes("123"));
  }

  @Test
  void whatWasWritten_isThereWhenOpenedAgain_ifTheStorePersists() {
    SharedState s = open();
    join(s.put("learners/auto", bytes("kept")));
    s.close();
    SharedState again = open();
    if (persists()) {
      assertThat(join(again.get("learners/auto")).orElseThrow()).isEqualTo(bytes("kept"));
    } else {
      assertThat(join(again.keys(""))).isEmpty();
    }
    assertThat(again.describe()).isNotBlank();
  }
}
