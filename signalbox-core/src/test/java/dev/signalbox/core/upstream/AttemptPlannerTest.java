package dev.signalbox.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.EndpointHealth;
import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The upstream stage on its own, in simulated time: retries, reroutes, fallbacks, back-off, the
 * retry budget and half-open trials, with no sockets and no gateway.
 */
class AttemptPlannerTest {
  private static final long MS = 1_000_000L;

  /** Two replicas of a model, one of a fallback; circuits open after a number of failures in a row, for 1 s. */
  private static final String CONFIG = """
      upstream:
        max_attempts: 3
        circuit_breaker: {consecutive_failures: %d, window: 0, open_ms: 1000, max_open_ms: 8000}
        backoff: {base_ms: 25, max_ms: 1000}
        retry_budget: {ratio: 0.2, min_per_second: %d}
        total_timeout_ms: 10000
      models:
        - name: m
          input_price: 1
          output_price: 1
          pool: round-robin
          endpoints: [{url: "http://127.0.0.1:9001"}, {url: "http://127.0.0.1:9002"}]
        - name: backup
          input_price: 5
          output_price: 5
          endpoints: [{url: "http://127.0.0.1:9003"}]
      """;

  private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
  private final List<String> written = new ArrayList<>();
  private final AttemptLog log = new AttemptLog() {
    @Override
    public void attempt(String endpointId, String outcome, double millis) {
      written.add(endpointId + " " + outcome);
    }

    @Override
    public void reroute(String from, String to, String reason) {
      written.add("reroute " + from + " -> " + to + ": " + reason);
    }
  };

  private Upstreams upstreams(int retriesPerSecond) {
    return upstreams(retriesPerSecond, 2);
  }

  private Upstreams upstreams(int retriesPerSecond, int failuresToOpen) {
    SignalboxConfig config = ConfigLoader.parse(CONFIG.formatted(failuresToOpen, retriesPerSecond), name -> null);
    return Upstreams.from(config, clock::get);
  }

  private AttemptPlanner planner(Upstreams upstreams, List<String> fallbacks) {
    SignalboxConfig config = ConfigLoader.parse(CONFIG.formatted(2, 10), name -> null);
    RouteRequest request = new RouteRequest("r" + clock.get(), Operation.CHAT, "m", List.of(new Message("user", "hi")),
        100, false, Map.of());
    return new AttemptPlanner(upstreams, config.upstream(), request, "m", fallbacks, 10, clock.get(), log,
        bound -> bound / 2);
  }

  private Endpoint sent(AttemptPlanner.Step step) {
    assertThat(step).isInstanceOf(AttemptPlanner.Send.class);
    return ((AttemptPlanner.Send) step).hop().endpoint();
  }

  private long now() {
    return clock.get();
  }

  @Test
  void aFailedAttempt_isRetriedOnTheOtherReplica_andTheAnswerIsLogged() {
    Upstreams upstreams = upstreams(10);
    AttemptPlanner p = planner(upstreams, List.of());
    Endpoint first = sent(p.next(now()));
    assertThat(first.inFlight()).isEqualTo(1);
    clock.addAndGet(30 * MS);
    p.failed(now(), AttemptFailure.SERVER_ERROR, "HTTP 500: overloaded", 0);
    assertThat(first.inFlight()).isZero();
    Endpoint second = sent(p.next(now()));
    assertThat(second).isNotEqualTo(first);
    assertThat(second.model()).isEqualTo("m");
    p.answered(now(), 200);
    p.served(now(), "HTTP 200");
    p.finished();
    assertThat(second.inFlight()).isZero();
    assertThat(written).containsExactly(first.id() + " HTTP 500: overloaded",
        "reroute " + first.id() + " -> " + second.id() + ": HTTP 500: overloaded", second.id() + " HTTP 200");
    assertThat(upstreams.log().counts()).containsEntry("reroute", 1L);
  }

  @Test
  void withEveryReplicaFailing_theFallbackAnswers_thenTheErrorSaysWhatWasTried() {
    Upstreams upstreams = upstreams(10);
    AttemptPlanner p = planner(upstreams, List.of("backup"));
    for (int i = 0; i < 2; i++) {
      sent(p.next(now()));
      p.failed(now(), AttemptFailure.CONNECT, "connection refused", 0);
    }
    Endpoint third = sent(p.next(now()));
    assertThat(third.model()).isEqualTo("backup");
    p.failed(now(), AttemptFailure.RESET, "the upstream closed the connection", 0);
    AttemptPlanner.Step last = p.next(now());
    assertThat(last).isInstanceOf(AttemptPlanner.GiveUp.class);
    UpstreamError error = ((AttemptPlanner.GiveUp) last).error();
    assertThat(error.status()).isEqualTo(502);
    assertThat(error.code()).isEqualTo("upstream_error");
    assertThat(error.message()).contains("failed on every path tried (3 attempts)", "m/0: connection refused",
        "backup/0: the upstream closed the connection", "gave up after 3 attempts (upstream.max_attempts)");
    assertThat(upstreams.log().counts()).containsEntry("fallback", 1L).containsEntry("escalation", 1L);
  }

  @Test
  void twoFailures_openTheCircuit_andAfterItsOpenTime_oneTrialIsLetThrough() {
    Upstreams upstreams = upstreams(10);
    Endpoint bad = upstreams.pool("m").endpoints().get(0);
    for (int i = 0; i < 2; i++) {
      AttemptPlanner p = planner(upstreams, List.of());
      Endpoint e = sent(p.next(now()));
      if (e == bad) {
        p.failed(now(), AttemptFailure.SERVER_ERROR, "HTTP 500", 0);
      } else {
        p.answered(now(), 200);
        p.finished();
        AttemptPlanner again = planner(upstreams, List.of());
        assertThat(sent(again.next(now()))).isEqualTo(bad); // round robin comes back to it
        again.failed(now(), AttemptFailure.SERVER_ERROR, "HTTP 500", 0);
      }
      p.finished();
    }
    assertThat(bad.health().state(now())).isEqualTo(EndpointHealth.State.EJECTED);
    for (int i = 0; i < 4; i++) { // while open, requests never reach it
      AttemptPlanner p = planner(upstreams, List.of());
      assertThat(sent(p.next(now()))).isNotEqualTo(bad);
      p.finished();
    }
    clock.addAndGet(1_100 * MS);
    AttemptPlanner trial = planner(upstreams, List.of());
    Endpoint e = sent(trial.next(now()));
    AttemptPlanner other = planner(upstreams, List.of());
    Endpoint f = sent(other.next(now()));
    assertThat(List.of(e, f)).as("one trial among two requests").containsOnlyOnce(bad);
    AttemptPlanner holder = e == bad ? trial : other;
    holder.answered(now(), 200);
    holder.finished();
    assertThat(bad.health().state(now())).isEqualTo(EndpointHealth.State.HEALTHY);
  }

  @Test
  void aTrialAbandonedBeforeItsAnswer_givesItsPermitBack() {
    Upstreams upstreams = upstreams(10);
    Endpoint bad = upstreams.pool("m").endpoints().get(0);
    bad.health().recordFailure(now(), "x");
    bad.health().recordFailure(now(), "x");
    clock.addAndGet(1_100 * MS);
    AttemptPlanner first;
    Endpoint e;
    do { // round robin: find the request that gets the trial
      first = planner(upstreams, List.of());
      e = sent(first.next(now()));
      if (e != bad) {
        first.finished();
      }
    } while (e != bad);
    first.abandoned(now(), false, null); // the client left before any answer
    first.finished();
    boolean trialAgain = false;
    for (int i = 0; i < 4 && !trialAgain; i++) {
      AttemptPlanner next = planner(upstreams, List.of());
      trialAgain = sent(next.next(now())) == bad;
      next.abandoned(now(), false, null);
      next.finished();
    }
    assertThat(trialAgain).as("the released permit lets another trial through").isTrue();
  }

  @Test
  void aRateLimitedReplica_coolsDown_withoutCountingAgainstItsHealth() {
    Upstreams upstreams = upstreams(10);
    AttemptPlanner p = planner(upstreams, List.of());
    Endpoint limited = sent(p.next(now()));
    p.failed(now(), AttemptFailure.RATE_LIMITED, "HTTP 429", 2_000 * MS);
    assertThat(limited.health().totalFailures()).isZero();
    assertThat(limited.health().isAvailable(now())).isFalse();
    Endpoint other = sent(p.next(now()));
    p.failed(now(), AttemptFailure.RATE_LIMITED, "HTTP 429", 0);
    AttemptPlanner.Step step = p.next(now());
    assertThat(step).isInstanceOf(AttemptPlanner.GiveUp.class);
    UpstreamError error = ((AttemptPlanner.GiveUp) step).error();
    assertThat(error.status()).isEqualTo(429);
    assertThat(error.rateLimited()).isTrue();
    assertThat(error.retryAfterNanos()).isPositive().isLessThanOrEqualTo(2_000 * MS);
    assertThat(other).isNotEqualTo(limited);
  }

  @Test
  void whenNothingIsUsableButSoonWillBe_itWaits_thenSends() {
    Upstreams upstreams = upstreams(10);
    for (Endpoint e : upstreams.pool("m").endpoints()) {
      e.health().coolDown(now() + 300 * MS); // a short Retry-After on both
    }
    AttemptPlanner p = planner(upstreams, List.of());
    AttemptPlanner.Step step = p.next(now());
    assertThat(step).isInstanceOf(AttemptPlanner.Wait.class);
    assertThat(((AttemptPlanner.Wait) step).nanos()).isBetween(300 * MS, 1_000 * MS);
    clock.addAndGet(((AttemptPlanner.Wait) step).nanos());
    assertThat(sent(p.next(now())).model()).isEqualTo("m");
  }

  @Test
  void theRetryBudget_stopsRetriesInAnOutage() {
    Upstreams upstreams = upstreams(0, 1_000); // no reserve: only 20% of recent requests may be retried
    int gaveUp = 0;
    for (int i = 0; i < 20; i++) {
      AttemptPlanner p = planner(upstreams, List.of());
      sent(p.next(now()));
      p.failed(now(), AttemptFailure.CONNECT, "connection refused", 0);
      AttemptPlanner.Step step = p.next(now());
      if (step instanceof AttemptPlanner.GiveUp giveUp && giveUp.error().message().contains("retry budget")) {
        gaveUp++;
      } else if (step instanceof AttemptPlanner.Send) {
        p.failed(now(), AttemptFailure.CONNECT, "connection refused", 0);
      }
      p.finished();
      clock.addAndGet(MS);
    }
    assertThat(gaveUp).isGreaterThan(10);
    assertThat(upstreams.log().counts()).containsKey("retry_budget_exhausted");
  }

  @Test
  void theTotalTimeout_isA504NamingTheAttempt() {
    Upstreams upstreams = upstreams(10);
    AttemptPlanner p = planner(upstreams, List.of());
    Endpoint e = sent(p.next(now()));
    clock.addAndGet(10_000 * MS);
    UpstreamError error = p.timedOut(now(), "the request took longer than 10000 ms");
    assertThat(error.status()).isEqualTo(504);
    assertThat(error.message()).contains(e.id() + ": the request took longer than 10000 ms");
    assertThat(e.inFlight()).isZero();
  }
}
