package dev.signalbox.core.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.governance.SpendLedger.Budget;
import dev.signalbox.core.governance.SpendLedger.Reservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemorySpendLedgerTest {
  private final MemorySpendLedger ledger = new MemorySpendLedger();
  private final Budget key = new Budget("key:alice", 1.0, null);
  private final Budget team = new Budget("team:research", 1.5, Duration.ofDays(1));

  @Test
  void aReservationHoldsTheWorstCase_andSettlesToWhatItCost() {
    Reservation r = ledger.reserve(List.of(key), 0.4, 0);
    assertThat(r.remainingUsd()).isEqualTo(0.6);
    assertThatThrownBy(() -> ledger.reserve(List.of(key), 0.7, 0))
        .isInstanceOfSatisfying(OpenAiError.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.type()).isEqualTo("insufficient_quota");
          assertThat(e.code()).isEqualTo("budget_exceeded");
          assertThat(e.getMessage()).contains("key:alice", "0.600000 USD is left");
        });
    r.settle(0.1, 0);
    r.settle(0.3, 0); // once only
    assertThat(ledger.spentUsd("key:alice", 0)).isEqualTo(0.1);
    ledger.reserve(List.of(key), 0.9, 0).release();
    assertThat(ledger.spentUsd("key:alice", 0)).isEqualTo(0.1);
  }

  @Test
  void everyBudgetMustTakeIt_orNoneIsTouched() {
    ledger.reserve(List.of(team), 1.2, 0).settle(1.2, 0);
    assertThatThrownBy(() -> ledger.reserve(List.of(key, team), 0.5, 0)).hasMessageContaining("team:research");
    assertThat(ledger.reserve(List.of(key), 1.0, 0).remainingUsd()).as("the key's budget was not held").isEqualTo(0);
  }

  @Test
  void aPeriodicBudget_startsAfreshEachPeriod() {
    long day = Duration.ofDays(1).toMillis();
    ledger.reserve(List.of(team), 1.5, 10).settle(1.5, 10);
    assertThatThrownBy(() -> ledger.reserve(List.of(team), 0.01, day - 1)).isInstanceOf(OpenAiError.class);
    assertThat(ledger.reserve(List.of(team), 1.5, day + 1).amount()).isEqualTo(1.5);
    assertThat(ledger.spentUsd("team:research", day + 1)).isZero();
  }

  @Test
  void parallelRequests_neverSpendPastTheBudget() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicLong refused = new AtomicLong();
    List<Future<Double>> charged = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int seed = t;
      charged.add(pool.submit(() -> {
        SplittableRandom random = new SplittableRandom(seed);
        double total = 0;
        for (int i = 0; i < 2_000; i++) {
          double worst = random.nextDouble(0.001, 0.01);
          try {
            Reservation r = ledger.reserve(List.of(key, team), worst, 0);
            double actual = worst * random.nextDouble();
            r.settle(actual, 0);
            total += actual;
          } catch (OpenAiError e) {
            refused.incrementAndGet();
          }
        }
        return total;
      }));
    }
    double sum = 0;
    for (Future<Double> f : charged) {
      sum += f.get();
    }
    pool.shutdown();
    assertThat(refused.get()).as("the budget ran out").isPositive();
    assertThat(sum).isLessThanOrEqualTo(1.0 + 1e-9);
    assertThat(ledger.spentUsd("key:alice", 0)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ledger.spentUsd("team:research", 0)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
  }
}
