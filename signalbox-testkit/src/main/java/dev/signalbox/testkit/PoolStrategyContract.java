package dev.signalbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.pool.PoolContext;
import dev.signalbox.core.pool.PoolStrategy;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every pool strategy does, whatever its rule: it picks among the candidates it is given and
 * no other, copes with replicas joining and leaving, accepts a placement it did not prepare, is
 * safe under concurrent picks, and repeats itself given the same seed, clock and requests. Extend
 * it with {@link #newStrategy} to run it against a strategy; the built-ins run it in this
 * module's tests.
 */
public abstract class PoolStrategyContract {
  private static final CircuitBreakerConfig BREAKER =
      CircuitBreakerConfig.consecutive(3, Duration.ofSeconds(5), Duration.ofSeconds(60));

  /** A new strategy with {@code context}, whose clock the contract moves a millisecond per request. */
  protected abstract PoolStrategy newStrategy(PoolContext context);

  /** A strategy and its clock. */
  private final class Timed {
    final ManualClock clock;
    final PoolStrategy strategy;

    Timed(ManualClock clock, long seed) {
      this.clock = clock;
      this.strategy = newStrategy(new PoolContext(seed, clock, 500));
    }

    /** Picks for {@code request} and places it there, as {@code Pool.select} does once the circuit lets it through. */
    Endpoint place(List<Endpoint> candidates, RouteRequest request) {
      clock.advance(Duration.ofMillis(1));
      Endpoint e = strategy.pick(candidates, request);
      strategy.placed(e, request);
      return e;
    }
  }

  private Timed strategy(long seed) {
    return new Timed(new ManualClock(), seed);
  }

  /** Endpoints m/0 … m/(n-1), idle. */
  protected static List<Endpoint> endpoints(int n) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Endpoint("m/" + i, "m", "http://10.0.0." + i + ":8000", null, null, BREAKER));
    }
    return out;
  }

  /** A request whose prompt shares its first {@code 512} tokens with the others of its {@code group}. */
  protected static RouteRequest request(int id, int group) {
    int[] tokens = new int[600];
    for (int t = 0; t < tokens.length; t++) {
      tokens[t] = t < 512 ? group * 1_000_003 + t : -(id * 1_000_003 + t);
    }
    return new RouteRequest("r" + id, Operation.CHAT, "m", List.of(), -1, false, Map.of())
        .withPrefix(PrefixBlocks.ofTokens(tokens, tokens.length));
  }

  @Test
  void pick_isAlwaysOneOfTheCandidates_underChangingLoads() {
    Timed s = strategy(1);
    List<Endpoint> all = endpoints(6);
    SplittableRandom random = new SplittableRandom(7);
    List<Endpoint> holding = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int n = i;
      List<Endpoint> candidates = all.stream().filter(e -> (all.indexOf(e) + n) % (2 + n % 3) != 0).toList();
      Endpoint e = s.place(candidates, request(i, random.nextInt(8)));
      assertThat(candidates).as("request %d", i).contains(e);
      e.started();
      holding.add(e);
      if (holding.size() > 12) {
        holding.remove(random.nextInt(holding.size())).finished();
      }
    }
  }

  @Test
  void pick_ofOneCandidate_isThatCandidate() {
    Timed s = strategy(2);
    List<Endpoint> one = endpoints(3).subList(1, 2);
    for (int i = 0; i < 50; i++) {
      assertThat(s.place(one, request(i, i % 3))).isSameAs(one.get(0));
    }
  }

  @Test
  void aReplicaThatLeaves_isNotPickedAgain_andOneThatJoins_is() {
    Timed s = strategy(3);
    List<Endpoint> all = endpoints(5);
    for (int i = 0; i < 200; i++) {
      s.place(all, request(i, i % 10));
    }
    List<Endpoint> remaining = List.of(all.get(0), all.get(2), all.get(4));
    for (int i = 200; i < 400; i++) {
      assertThat(s.place(remaining, request(i, i % 10))).isIn(remaining);
    }
    List<Endpoint> grown = new ArrayList<>(all);
    grown.addAll(endpoints(7).subList(5, 7));
    Set<Endpoint> used = new HashSet<>();
    for (int i = 400; i < 1_400; i++) {
      Endpoint e = s.place(grown, request(i, i));
      used.add(e);
      e.started(); // load builds up, so every strategy spreads onto the newcomers
    }
    assertThat(used).contains(grown.get(5), grown.get(6));
  }

  @Test
  void placed_withoutAPickOfItsOwn_isAccepted() {
    Timed s = strategy(4);
    List<Endpoint> es = endpoints(3);
    s.strategy.placed(es.get(2), request(1, 1)); // a caller that placed the request by other means
    RouteRequest picked = request(2, 1);
    Endpoint e = s.strategy.pick(es, picked);
    s.strategy.placed(es.get(e == es.get(0) ? 1 : 0), picked); // not the one it picked
    assertThat(s.place(es, request(3, 1))).isIn(es);
  }

  @Test
  void theSameSeedClockAndRequests_giveTheSameChoices() {
    assertThat(choices(new Timed(new ManualClock(), 5))).isEqualTo(choices(new Timed(new ManualClock(), 5)));
  }

  private List<String> choices(Timed t) {
    List<Endpoint> es = endpoints(4);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Endpoint e = t.place(es, request(i, i % 7));
      ids.add(e.id());
      e.started();
      if (i % 3 == 0) {
        e.finished();
      }
    }
    return ids;
  }

  @Test
  void concurrentSelections_stayAmongTheCandidates() throws Exception {
    List<Endpoint> es = endpoints(8);
    ManualClock clock = new ManualClock();
    Pool pool = new Pool("m", es, newStrategy(new PoolContext(6, clock, 500)), clock);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        runs.add(threads.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            Endpoint e = pool.select(request(thread * 10_000 + i, i % 16), Set.of()).orElseThrow();
            if (!es.contains(e)) {
              return false;
            }
            e.started();
            e.finished();
          }
          return true;
        }));
      }
      for (Future<Boolean> run : runs) {
        assertThat(run.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
