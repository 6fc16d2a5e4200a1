package dev.signalbox.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import dev.signalbox.core.request.RouteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolStrategiesTest {
  static final RouteRequest REQUEST = RouteRequest.chat("r", "m", "hi");
  static final CircuitBreakerConfig EJECTION =
      CircuitBreakerConfig.consecutive(3, Duration.ofSeconds(5), Duration.ofSeconds(60));

  /** Endpoints m/0 … m/(n-1) with the given requests in flight. */
  static List<Endpoint> endpoints(int... inFlight) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < inFlight.length; i++) {
      Endpoint e = new Endpoint("m/" + i, "m", "http://h" + i, null, null, EJECTION);
      for (int k = 0; k < inFlight[i]; k++) {
        e.started();
      }
      out.add(e);
    }
    return out;
  }

  static List<String> picks(PoolStrategy strategy, List<Endpoint> candidates, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(strategy.pick(candidates, REQUEST).id());
    }
    return ids;
  }

  @Test
  void create_knownNames_giveStrategies() {
    for (String name : PoolStrategies.NAMES) {
      assertThat(PoolStrategies.create(name, 1)).as(name).isNotNull();
    }
    assertThat(PoolStrategies.create("power-of-two-choices", 1)).isInstanceOf(PowerOfTwoChoices.class);
    assertThat(PoolStrategies.create("random", 1)).isNull();
  }

  @Test
  void roundRobin_takesEachInTurn() {
    List<Endpoint> es = endpoints(0, 0, 0);
    assertThat(picks(PoolStrategies.create("round-robin", 0), es, 7))
        .containsExactly("m/0", "m/1", "m/2", "m/0", "m/1", "m/2", "m/0");
  }

  @Test
  void roundRobin_ignoresLoad() {
    List<Endpoint> es = endpoints(9, 0);
    assertThat(picks(PoolStrategies.create("round-robin", 0), es, 4)).containsExactly("m/0", "m/1", "m/0", "m/1");
  }

  @Test
  void leastOutstanding_picksTheMinimumInFlight() {
    List<Endpoint> es = endpoints(3, 1, 2);
    assertThat(picks(PoolStrategies.create("least-outstanding", 0), es, 5)).containsOnly("m/1");
  }

  @Test
  void leastOutstanding_spreadsTies() {
    List<Endpoint> es = endpoints(0, 0, 0, 0);
    Map<String, Integer> counts = count(picks(PoolStrategies.create("least-outstanding", 0), es, 400));
    assertThat(counts).containsOnlyKeys("m/0", "m/1", "m/2", "m/3").allSatisfy((id, n) -> assertThat(n).isEqualTo(100));
  }

  @Test
  void leastOutstanding_spreadsTiesOnlyAmongTheLeastLoaded() {
    List<Endpoint> es = endpoints(0, 5, 0);
    Map<String, Integer> counts = count(picks(PoolStrategies.create("least-outstanding", 0), es, 100));
    assertThat(counts).containsOnlyKeys("m/0", "m/2");
    assertThat(counts.get("m/0")).isBetween(40, 60);
  }

  @Test
  void leastOutstanding_followsLiveLoad() {
    List<Endpoint> es = endpoints(0, 0);
    PoolStrategy strategy = PoolStrategies.create("least-outstanding", 0);
    for (int i = 0; i < 10; i++) {
      strategy.pick(es, REQUEST).started();
    }
    assertThat(es).extracting(Endpoint::inFlight).containsExactly(5, 5);
  }

  @Test
  void powerOfTwoChoices_sameSeed_sameSequence() {
    List<Endpoint> es = endpoints(0, 0, 0, 0, 0);
    List<String> a = picks(PoolStrategies.create("p2c", 42), es, 200);
    List<String> b = picks(PoolStrategies.create("p2c", 42), es, 200);
    List<String> c = picks(PoolStrategies.create("p2c", 43), es, 200);
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void powerOfTwoChoices_twoCandidates_alwaysTakesTheLessBusy() {
    List<Endpoint> es = endpoints(5, 1);
    assertThat(picks(PoolStrategies.create("p2c", 7), es, 500)).containsOnly("m/1");
  }

  @Test
  void powerOfTwoChoices_neverPicksTheBusierOfItsSamples() {
    // the busiest endpoint loses to whichever other endpoint is sampled with it
    List<Endpoint> es = endpoints(1, 2, 3, 9);
    List<String> ids = picks(PoolStrategies.create("p2c", 7), es, 5_000);
    assertThat(ids).doesNotContain("m/3");
    // the least busy one wins every pair it is in: 3 of the 6 pairs
    assertThat(count(ids).get("m/0")).isBetween(2_200, 2_800);
  }

  @Test
  void powerOfTwoChoices_equalLoad_spreadsEvenly() {
    List<Endpoint> es = endpoints(0, 0, 0, 0);
    Map<String, Integer> counts = count(picks(PoolStrategies.create("p2c", 11), es, 10_000));
    assertThat(counts).containsOnlyKeys("m/0", "m/1", "m/2", "m/3")
        .allSatisfy((id, n) -> assertThat(n).isBetween(2_000, 3_000));
  }

  @Test
  void powerOfTwoChoices_singleCandidate_isPicked() {
    assertThat(picks(PoolStrategies.create("p2c", 1), endpoints(3), 3)).containsOnly("m/0");
  }

  static Map<String, Integer> count(List<String> ids) {
    Map<String, Integer> counts = new HashMap<>();
    for (String id : ids) {
      counts.merge(id, 1, Integer::sum);
    }
    return counts;
  }
}
