package dev.signalbox.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_000 * SECOND;

  private final List<String> changes = new ArrayList<>();

  EndpointHealth health(int failures, long baseSeconds, long maxSeconds) {
    return new EndpointHealth(
        CircuitBreakerConfig.consecutive(failures, Duration.ofSeconds(baseSeconds), Duration.ofSeconds(maxSeconds)),
        (what, reason) -> changes.add(what));
  }

  static boolean fail(EndpointHealth h, int n, long now) {
    boolean opened = false;
    for (int i = 0; i < n; i++) {
      opened = h.recordFailure(now, "HTTP 500");
    }
    return opened;
  }

  @Test
  void recordFailure_atThreshold_ejectsUntilTheOpenTimePasses() {
    EndpointHealth h = health(3, 5, 120);
    assertThat(fail(h, 2, T0)).isFalse();
    assertThat(h.state(T0)).isEqualTo(EndpointHealth.State.HEALTHY);
    assertThat(h.recordFailure(T0, "HTTP 500")).isTrue();
    assertThat(h.isAvailable(T0 + 5 * SECOND - 1)).isFalse();
    assertThat(h.state(T0 + 5 * SECOND - 1)).isEqualTo(EndpointHealth.State.EJECTED);
    assertThat(h.state(T0 + 5 * SECOND)).isEqualTo(EndpointHealth.State.HALF_OPEN);
    assertThat(h.isAvailable(T0 + 5 * SECOND)).isTrue();
    assertThat(changes).containsExactly("circuit closed -> open");
  }

  @Test
  void trialSuccess_closesAndResetsTheBackoff() {
    EndpointHealth h = health(1, 5, 120);
    fail(h, 1, T0);
    long trial = T0 + 5 * SECOND;
    assertThat(h.tryAcquire(trial)).isTrue();
    h.recordSuccess(trial, 40);
    assertThat(h.state(trial)).isEqualTo(EndpointHealth.State.HEALTHY);
    fail(h, 1, trial);
    assertThat(h.isAvailable(trial + 5 * SECOND)).as("back-off starts from the base again").isTrue();
    assertThat(changes).containsExactly("circuit closed -> open", "circuit open -> half_open",
        "circuit half_open -> closed", "circuit closed -> open");
  }

  @Test
  void trialFailure_reopensForTwiceAsLong_cappedAtMax() {
    EndpointHealth h = health(1, 5, 12);
    fail(h, 1, T0);
    long second = T0 + 5 * SECOND;
    assertThat(h.tryAcquire(second)).isTrue();
    assertThat(h.recordFailure(second, "reset")).isTrue();
    assertThat(h.isAvailable(second + 10 * SECOND - 1)).isFalse();
    long third = second + 10 * SECOND;
    assertThat(h.tryAcquire(third)).isTrue();
    h.recordFailure(third, "reset");
    assertThat(h.isAvailable(third + 12 * SECOND - 1)).as("capped at 12 s, not 20 s").isFalse();
    assertThat(h.isAvailable(third + 12 * SECOND)).isTrue();
  }

  @Test
  void failureWhileOpen_doesNotExtendIt_andLateSuccessDoesNotCloseIt() {
    EndpointHealth h = health(1, 5, 120);
    fail(h, 1, T0);
    assertThat(h.recordFailure(T0 + SECOND, "late")).isFalse();
    h.recordSuccess(T0 + 2 * SECOND, 10);
    assertThat(h.state(T0 + 2 * SECOND)).isEqualTo(EndpointHealth.State.EJECTED);
    assertThat(h.isAvailable(T0 + 5 * SECOND)).isTrue();
  }

  @Test
  void failureRate_opensWithoutAConsecutiveRun() {
    EndpointHealth h = new EndpointHealth(
        new CircuitBreakerConfig(100, 0.5, 10, 10, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    for (int i = 0; i < 9; i++) {
      if (i % 2 == 0) {
        assertThat(h.recordFailure(T0, "x")).isFalse();
      } else {
        h.recordSuccess(T0, 10);
      }
    }
    assertThat(h.recordFailure(T0, "x")).as("6 of 10 failed").isTrue();
  }

  @Test
  void probeFailure_takesOutUntilAProbePasses() {
    EndpointHealth h = health(3, 5, 120);
    assertThat(h.recordProbe(false, T0)).isTrue();
    assertThat(h.recordProbe(false, T0)).as("no change").isFalse();
    assertThat(h.state(T0)).isEqualTo(EndpointHealth.State.PROBE_FAILED);
    assertThat(h.isAvailable(T0 + 3600 * SECOND)).as("time alone does not bring it back").isFalse();
    assertThat(h.recordProbe(true, T0)).isTrue();
    assertThat(h.state(T0)).isEqualTo(EndpointHealth.State.HEALTHY);
  }

  @Test
  void probePass_whileOpenLongEnough_allowsAnEarlyTrial() {
    EndpointHealth h = health(1, 30, 120);
    fail(h, 1, T0);
    h.recordProbe(true, T0 + SECOND);
    assertThat(h.isAvailable(T0 + SECOND)).as("too soon after opening").isFalse();
    h.recordProbe(true, T0 + 16 * SECOND);
    assertThat(h.state(T0 + 16 * SECOND)).isEqualTo(EndpointHealth.State.HALF_OPEN);
    assertThat(h.tryAcquire(T0 + 16 * SECOND)).isTrue();
  }

  @Test
  void coolDown_isNotAFailure() {
    EndpointHealth h = health(1, 5, 120);
    h.coolDown(T0 + 2 * SECOND);
    assertThat(h.state(T0)).isEqualTo(EndpointHealth.State.COOLING_DOWN);
    assertThat(h.isAvailable(T0 + 2 * SECOND)).isTrue();
    assertThat(h.totalFailures()).isZero();
  }

  @Test
  void averages_followTheOutcomes() {
    EndpointHealth h = health(10, 5, 120);
    h.recordSuccess(T0, 100);
    assertThat(h.firstByteMsAverage()).isEqualTo(100);
    h.recordSuccess(T0, 200);
    assertThat(h.firstByteMsAverage()).isEqualTo(120, org.assertj.core.data.Offset.offset(1e-9));
    fail(h, 1, T0);
    assertThat(h.errorRateAverage()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(h.totalFailures()).isEqualTo(1);
    assertThat(h.totalSuccesses()).isEqualTo(2);
  }

  @Test
  void backoff_largeBase_neverOverflows() {
    long day = 86_400 * SECOND;
    assertThat(EndpointHealth.backoff(day, 30 * day, 40)).isEqualTo(30 * day);
    assertThat(EndpointHealth.backoff(day, 30 * day, 2)).isEqualTo(4 * day);
    assertThat(EndpointHealth.backoff(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE, 5)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void openState_clockNearWraparound_staysOpen() {
    EndpointHealth h = health(1, 5, 120);
    long now = Long.MAX_VALUE - SECOND;
    fail(h, 1, now);
    assertThat(h.isAvailable(now + 2 * SECOND)).isFalse();
    assertThat(h.isAvailable(now + 5 * SECOND)).isTrue();
  }
}
