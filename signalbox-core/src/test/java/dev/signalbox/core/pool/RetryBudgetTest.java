package dev.signalbox.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.UpstreamConfig.RetryBudgetConfig;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(100 * SECOND);

  private int retriesAllowed(RetryBudget budget, int attempts) {
    int n = 0;
    for (int i = 0; i < attempts; i++) {
      if (budget.tryRetry()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void tryRetry_allowsTheRatioOfRecentRequests() {
    RetryBudget budget = new RetryBudget(new RetryBudgetConfig(0.1, 0), clock::get);
    for (int i = 0; i < 1000; i++) {
      budget.recordRequest();
    }
    assertThat(retriesAllowed(budget, 500)).isEqualTo(100);
  }

  @Test
  void tryRetry_reserveLetsAQuietGatewayRetry() {
    RetryBudget budget = new RetryBudget(new RetryBudgetConfig(0.1, 2), clock::get);
    assertThat(retriesAllowed(budget, 50)).isEqualTo(20);
  }

  @Test
  void tryRetry_fullOutageStaysWithinTheRatio() {
    RetryBudget budget = new RetryBudget(new RetryBudgetConfig(0.1, 0), clock::get);
    int requests = 0;
    int upstreamAttempts = 0;
    for (int second = 0; second < 30; second++) {
      for (int i = 0; i < 100; i++) {
        budget.recordRequest();
        requests++;
        upstreamAttempts++;
        for (int retry = 0; retry < 2 && budget.tryRetry(); retry++) {
          upstreamAttempts++;
        }
      }
      clock.addAndGet(SECOND);
    }
    assertThat((double) upstreamAttempts / requests).isLessThanOrEqualTo(1.1);
  }

  @Test
  void window_forgetsRequestsOlderThanTenSeconds() {
    RetryBudget budget = new RetryBudget(new RetryBudgetConfig(1.0, 0), clock::get);
    for (int i = 0; i < 100; i++) {
      budget.recordRequest();
    }
    clock.addAndGet(11 * SECOND);
    assertThat(budget.tryRetry()).isFalse();
    budget.recordRequest();
    assertThat(budget.tryRetry()).isTrue();
    assertThat(budget.tryRetry()).isFalse();
  }
}
