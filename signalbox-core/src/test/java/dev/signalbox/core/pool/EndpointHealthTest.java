package dev.signalbox.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.UpstreamConfig.EjectionConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_000 * SECOND;

  static EndpointHealth health(int failures, long baseSeconds, long maxSeconds) {
    return new EndpointHealth(
        new EjectionConfig(failures, Duration.ofSeconds(baseSeconds), Duration.ofSeconds(maxSeconds)));
  }

  /** Fails {@code n} times at {@code now}; returns whether the last failure ejected. */
  static boolean fail(EndpointHealth h, int n, long now) {
    boolean ejected = false;
    for (int i = 0; i < n; i++) {
      ejected = h.recordFailure(now);
    }
    return ejected;
  }

  @Test
  void recordFailure_belowThreshold_staysAvailable() {
    EndpointHealth h = health(3, 5, 120);
    assertThat(fail(h, 2, T0)).isFalse();
    assertThat(h.isAvailable(T0)).isTrue();
    assertThat(h.state(T0)).isEqualTo(EndpointHealth.State.HEALTHY);
  }

  @Test
  void recordFailure_atThreshold_ejectsForBaseTime() {
    EndpointHealth h = health(3, 5, 120);
    fail(h, 2, T0);
    assertThat(h.recordFailure(T0)).isTrue();
    assertThat(h.isAvailable(T0)).isFalse();
    assertThat(h.state(T0 + 5 * SECOND - 1)).isEqualTo(EndpointHealth.State.EJECTED);
    assertThat(h.isAvailable(T0 + 5 * SECOND - 1)).isFalse();
    assertThat(h.isAvailable(T0 + 5 * SECOND)).isTrue();
    assertThat(h.state(T0 + 5 * SECOND)).isEqualTo(EndpointHealth.State.HEALTHY);
  }

  @Test
  void recordFailure_whileEjected_doesNotExtendTheEjection() {
    EndpointHealth h = health(1, 5, 120);
    h.recordFailure(T0);
    assertThat(h.recordFailure(T0 + SECOND)).isFalse();
    assertThat(h.isAvailable(T0 + 5 * SECOND)).isTrue();
  }

  @Test
  void recordFailure_afterReadmission_ejectsAgainForDoubleTime() {
    EndpointHealth h = health(2, 5, 120);
    fail(h, 2, T0);
    long second = T0 + 5 * SECOND;
    assertThat(h.recordFailure(second)).as("one failure after re-admission ejects again").isTrue();
    assertThat(h.isAvailable(second + 10 * SECOND - 1)).isFalse();
    assertThat(h.isAvailable(second + 10 * SECOND)).isTrue();
    long third = second + 10 * SECOND;
    h.recordFailure(third);
    assertThat(h.isAvailable(third + 20 * SECOND - 1)).isFalse();
    assertThat(h.isAvailable(third + 20 * SECOND)).isTrue();
  }

  @Test
  void recordFailure_manyEjections_backoffCappedAtMax() {
    EndpointHealth h = health(1, 5, 30);
    long now = T0;
    for (int i = 0; i < 10; i++) {
      h.recordFailure(now);
      now += 30 * SECOND;
    }
    // the last ejection began 30 s ago and lasted the 30 s cap, not 5 * 2^9 s
    assertThat(h.isAvailable(now - 1)).isFalse();
    assertThat(h.isAvailable(now)).isTrue();
  }

  @Test
  void backoff_largeBase_neverOverflows() {
    long day = 86_400 * SECOND;
    assertThat(EndpointHealth.backoff(day, 30 * day, 40)).isEqualTo(30 * day);
    assertThat(EndpointHealth.backoff(day, 30 * day, 2)).isEqualTo(4 * day);
    assertThat(EndpointHealth.backoff(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE, 5)).isEqualTo(Long.MAX_VALUE);
    EndpointHealth h = health(1, 86_400, 30 * 86_400);
    long now = T0;
    for (int i = 0; i < 30; i++) {
      h.recordFailure(now);
      now += 30 * day;
    }
    assertThat(h.isAvailable(now - 1)).as("ejected for the capped 30 days, not a wrapped negative time").isFalse();
  }

  @Test
  void recordFailure_clockNearWraparound_staysEjected() {
    EndpointHealth h = health(1, 5, 120);
    long now = Long.MAX_VALUE - SECOND;
    h.recordFailure(now);
    long later = now + 2 * SECOND; // wraps to a negative value, still inside the ejection
    assertThat(h.isAvailable(later)).isFalse();
    assertThat(h.recordFailure(later)).as("a failure while ejected does not eject again").isFalse();
    assertThat(h.isAvailable(now + 5 * SECOND)).isTrue();
  }

  @Test
  void recordSuccess_resetsFailuresAndBackoff() {
    EndpointHealth h = health(3, 5, 120);
    fail(h, 2, T0);
    h.recordSuccess();
    assertThat(fail(h, 2, T0)).as("the count starts again").isFalse();
    assertThat(fail(h, 1, T0)).isTrue();
    long back = T0 + 5 * SECOND;
    h.recordSuccess();
    fail(h, 3, back);
    assertThat(h.isAvailable(back + 5 * SECOND)).as("backoff is back to base").isTrue();
  }

  @Test
  void recordProbe_failure_takesOutUntilAProbeSucceeds() {
    EndpointHealth h = health(3, 5, 120);
    h.recordProbe(false);
    assertThat(h.isAvailable(T0)).isFalse();
    assertThat(h.state(T0)).isEqualTo(EndpointHealth.State.PROBE_FAILED);
    assertThat(h.isAvailable(T0 + 3600 * SECOND)).as("time alone does not bring it back").isFalse();
    h.recordProbe(true);
    assertThat(h.isAvailable(T0)).isTrue();
    assertThat(h.state(T0)).isEqualTo(EndpointHealth.State.HEALTHY);
  }

  @Test
  void recordProbe_successWhileEjected_doesNotEndTheEjection() {
    EndpointHealth h = health(1, 5, 120);
    h.recordFailure(T0);
    h.recordProbe(true);
    assertThat(h.isAvailable(T0 + SECOND)).isFalse();
  }

  @Test
  void totals_countEveryOutcome() {
    EndpointHealth h = health(3, 5, 120);
    fail(h, 4, T0);
    h.recordSuccess();
    assertThat(h.totalFailures()).isEqualTo(4);
    assertThat(h.totalSuccesses()).isEqualTo(1);
  }
}
