package dev.signalbox.core.pool;

import static dev.signalbox.core.pool.PoolStrategiesTest.REQUEST;
import static dev.signalbox.core.pool.PoolStrategiesTest.endpoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PoolTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

  Pool pool(List<Endpoint> endpoints) {
    return new Pool("m", endpoints, PoolStrategies.create("round-robin", 0), clock::get);
  }

  static void eject(Endpoint e, long now) {
    for (int i = 0; i < 3; i++) {
      e.health().recordFailure(now, "test");
    }
  }

  List<String> picks(Pool pool, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(pool.select(REQUEST, Set.of()).orElseThrow().id());
    }
    return ids;
  }

  @Test
  void select_pickRefusedByItsCircuit_isNotRecordedAsAPlacement() {
    List<Endpoint> es = endpoints(0, 0);
    Pool pool = new Pool("m", es, PoolStrategies.create("prefix-tree", 0), clock::get);
    // a scan that finds both usable: for 50 ms the strategy then picks among all of them unchecked
    assertThat(pool.select(CacheAffinityStrategiesTest.prompt(9, 320, 0, 0), Set.of(es.get(0)))).contains(es.get(1));
    eject(es.get(0), clock.get());
    // prefix-tree picks m/0 (the smaller tree), its open circuit refuses, m/1 takes the request
    assertThat(pool.select(CacheAffinityStrategiesTest.prompt(1, 2000, 100, 1), Set.of())).contains(es.get(1));
    clock.addAndGet(5 * SECOND);
    assertThat(es.get(0).health().tryAcquire(clock.get())).isTrue();
    es.get(0).health().recordSuccess(clock.get(), 10);
    // only m/1 holds the prompt: had the refused pick been recorded, m/0 would hold it too and win the tie
    assertThat(pool.select(CacheAffinityStrategiesTest.prompt(1, 2000, 100, 2), Set.of())).contains(es.get(1));
  }

  @Test
  void select_allHealthy_usesTheStrategy() {
    Pool pool = pool(endpoints(0, 0, 0));
    assertThat(picks(pool, 4)).containsExactly("m/0", "m/1", "m/2", "m/0");
  }

  @Test
  void select_ejectedEndpoint_isSkipped() {
    List<Endpoint> es = endpoints(0, 0, 0);
    eject(es.get(1), clock.get());
    assertThat(picks(pool(es), 6)).doesNotContain("m/1").contains("m/0", "m/2");
  }

  @Test
  void select_healthyPoolThenEjection_roundRobinStaysEvenOverTheRest() {
    List<Endpoint> es = endpoints(0, 0, 0);
    Pool pool = pool(es);
    assertThat(picks(pool, 3)).containsExactly("m/0", "m/1", "m/2");
    eject(es.get(1), clock.get());
    List<String> after = picks(pool, 100);
    assertThat(after).doesNotContain("m/1");
    assertThat(after.stream().filter("m/0"::equals).count()).isBetween(49L, 51L);
  }

  @Test
  void select_ejectionOver_endpointIsBack() {
    List<Endpoint> es = endpoints(0, 0);
    eject(es.get(0), clock.get());
    Pool pool = pool(es);
    assertThat(picks(pool, 4)).containsOnly("m/1");
    clock.addAndGet(5 * SECOND);
    assertThat(picks(pool, 4)).as("half-open: one trial goes to m/0").containsOnlyOnce("m/0");
    es.get(0).health().recordSuccess(clock.get(), 10);
    List<String> back = picks(pool, 4);
    assertThat(back).as("round-robin over both again").containsExactlyInAnyOrder("m/0", "m/0", "m/1", "m/1");
    assertThat(back.get(0)).isNotEqualTo(back.get(1));
  }

  @Test
  void select_halfOpen_offersOneTrialAtATime() {
    List<Endpoint> es = endpoints(0);
    eject(es.get(0), clock.get());
    clock.addAndGet(5 * SECOND);
    Pool pool = pool(es);
    assertThat(pool.select(REQUEST, Set.of())).contains(es.get(0));
    assertThat(pool.select(REQUEST, Set.of())).as("the trial is taken").isEmpty();
    es.get(0).health().breaker().release();
    assertThat(pool.select(REQUEST, Set.of())).contains(es.get(0));
  }

  @Test
  void select_coolingDown_isSkippedUntilRetryAfterPasses() {
    List<Endpoint> es = endpoints(0, 0);
    es.get(0).health().coolDown(clock.get() + 2 * SECOND);
    Pool pool = pool(es);
    assertThat(picks(pool, 3)).containsOnly("m/1");
    clock.addAndGet(2 * SECOND);
    assertThat(picks(pool, 4)).contains("m/0");
  }

  @Test
  void select_probeFailedEndpoint_isSkipped() {
    List<Endpoint> es = endpoints(0, 0, 0);
    es.get(2).health().recordProbe(false, clock.get());
    assertThat(picks(pool(es), 6)).doesNotContain("m/2");
  }

  @Test
  void select_triedEndpoints_areExcluded() {
    List<Endpoint> es = endpoints(0, 0, 0);
    Pool pool = pool(es);
    Set<Endpoint> tried = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      Endpoint e = pool.select(REQUEST, tried).orElseThrow();
      assertThat(tried).doesNotContain(e);
      tried.add(e);
    }
    assertThat(tried).containsExactlyInAnyOrderElementsOf(es);
  }

  @Test
  void select_allTried_isEmpty() {
    List<Endpoint> es = endpoints(0, 0);
    assertThat(pool(es).select(REQUEST, Set.copyOf(es))).isEmpty();
  }

  @Test
  void select_noneUsable_isEmptyInsteadOfSendingToBrokenEndpoints() {
    List<Endpoint> es = endpoints(0, 0);
    eject(es.get(0), clock.get());
    es.get(1).health().recordProbe(false, clock.get());
    assertThat(pool(es).select(REQUEST, Set.of())).isEmpty();
  }

  @Test
  void select_healthyButTried_isEmptyWhenTheRestAreOut() {
    List<Endpoint> es = endpoints(0, 0);
    eject(es.get(1), clock.get());
    assertThat(pool(es).select(REQUEST, Set.of(es.get(0)))).isEmpty();
  }

  @Test
  void select_someHealthy_neverPanics() {
    List<Endpoint> es = endpoints(0, 0, 0);
    eject(es.get(0), clock.get());
    eject(es.get(1), clock.get());
    assertThat(picks(pool(es), 5)).containsOnly("m/2");
  }

  @Test
  void constructor_noEndpoints_isRejected() {
    assertThatThrownBy(() -> pool(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m");
  }
}
