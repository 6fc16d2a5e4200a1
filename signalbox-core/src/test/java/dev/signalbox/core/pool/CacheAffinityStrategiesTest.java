package dev.signalbox.core.pool;

import static dev.signalbox.core.pool.PoolStrategiesTest.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.PoolConfig;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rule of each cache-affinity strategy, on small pools. */
class CacheAffinityStrategiesTest {
  private long now = 1_000_000_000_000L;

  PoolStrategy strategy(String name) {
    return PoolStrategies.create(PoolConfig.named(name), new PoolContext(7, () -> now, 0));
  }

  /** Picks a replica and places the request there, as {@link Pool#select} does once its circuit allows it. */
  static Endpoint place(PoolStrategy s, List<Endpoint> candidates, RouteRequest request) {
    Endpoint e = s.pick(candidates, request);
    s.placed(e, request);
    return e;
  }

  /** A prompt of {@code shared} tokens common to every {@code group}, then {@code own} tokens of its own. */
  static RouteRequest prompt(int group, int shared, int own, int id) {
    int[] tokens = IntStream.range(0, shared + own)
        .map(i -> i < shared ? group * 1_000_003 + i : -(id * 1_000_003 + i)).toArray();
    return new RouteRequest("r" + id, Operation.CHAT, "m", List.of(), -1, false, Map.of())
        .withPrefix(PrefixBlocks.ofTokens(tokens, tokens.length));
  }

  static Endpoint load(Endpoint e, int requests) {
    for (int i = 0; i < requests; i++) {
      e.started();
    }
    return e;
  }

  // --- the prefix index

  @Test
  void prefixIndex_countsLeadingBlocksHeldPerReplica() {
    PrefixIndex index = new PrefixIndex(1000);
    index.insert(prompt(1, 320, 0, 0).prefixBlocks(), 0);
    index.insert(prompt(1, 160, 0, 0).prefixBlocks(), 1);
    int[] matched = new int[3];
    index.match(prompt(1, 320, 160, 9).prefixBlocks(), new int[] {0, 1, 2}, matched);
    assertThat(matched).containsExactly(20, 10, 0);
    index.match(prompt(1, 320, 160, 9).prefixBlocks(), new int[] {2, 1, 0}, matched);
    assertThat(matched).containsExactly(0, 10, 20);
  }

  @Test
  void prefixIndex_evictsTheLeastRecentlySentBlocks() {
    PrefixIndex index = new PrefixIndex(30);
    index.insert(prompt(1, 320, 0, 0).prefixBlocks(), 0); // 20 blocks
    index.insert(prompt(2, 320, 0, 0).prefixBlocks(), 0); // 20 more: 10 of group 1 go
    int[] matched = new int[1];
    index.match(prompt(2, 320, 0, 0).prefixBlocks(), new int[] {0}, matched);
    assertThat(matched[0]).isEqualTo(20);
    index.match(prompt(1, 320, 0, 0).prefixBlocks(), new int[] {0}, matched);
    assertThat(matched[0]).isEqualTo(10); // its tail went first
    assertThat(index.size(0)).isEqualTo(30);
  }

  @Test
  void prefixIndex_handlesMoreThan64Replicas() {
    PrefixIndex index = new PrefixIndex(1000);
    int[] replicas = IntStream.range(0, 130).toArray();
    for (int i : replicas) {
      index.insert(prompt(i % 2, 160, 0, 0).prefixBlocks(), i);
    }
    int[] matched = new int[replicas.length];
    index.match(prompt(1, 160, 16, 5).prefixBlocks(), replicas, matched);
    for (int i : replicas) {
      assertThat(matched[i]).as("replica " + i).isEqualTo(i % 2 == 1 ? 10 : 0);
    }
  }

  // --- consistent hashing with bounded loads

  @Test
  void chwbl_samePrefix_sameReplica() {
    PoolStrategy s = strategy("chwbl");
    List<Endpoint> es = endpoints(0, 0, 0, 0, 0, 0, 0, 0);
    Set<Endpoint> chosen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      chosen.add(place(s, es, prompt(3, 1024, 100, i)));
    }
    assertThat(chosen).hasSize(1);
  }

  @Test
  void chwbl_homeOverItsBound_spillsToTheNextReplica_andNoneExceedsTheBound() {
    PoolStrategy s = strategy("chwbl");
    List<Endpoint> es = endpoints(0, 0, 0, 0);
    Endpoint home = place(s, es, prompt(3, 1024, 0, 0));
    for (int i = 0; i < 40; i++) {
      Endpoint e = place(s, es, prompt(3, 1024, 0, i));
      int total = es.stream().mapToInt(Endpoint::inFlight).sum();
      assertThat(e.inFlight() + 1).isLessThanOrEqualTo((int) Math.ceil(1.25 * (total + 1) / 4.0));
      e.started();
    }
    assertThat(home.inFlight()).isGreaterThan(10);
    assertThat(es).allSatisfy(e -> assertThat(e.inFlight()).isLessThanOrEqualTo(13));
  }

  // --- SGLang-style prefix tree

  @Test
  void prefixTree_longMatch_followsTheHolder() {
    PoolStrategy s = strategy("prefix-tree");
    List<Endpoint> es = endpoints(0, 0, 0, 0);
    Endpoint first = place(s, es, prompt(5, 2000, 100, 0));
    load(first, 5);
    for (int i = 1; i < 10; i++) {
      assertThat(place(s, es, prompt(5, 2000, 100, i))).isSameAs(first);
    }
  }

  @Test
  void prefixTree_shortMatch_goesToTheSmallestTree() {
    PoolStrategy s = strategy("prefix-tree");
    List<Endpoint> es = endpoints(0, 0, 0);
    Endpoint first = place(s, es, prompt(5, 2000, 0, 0));
    // shares 400 of 2,400 tokens: under the 0.5 threshold, so not the holder but an empty tree
    assertThat(place(s, es, prompt(5, 400, 2000, 1))).isNotSameAs(first);
  }

  @Test
  void prefixTree_imbalance_sendsToTheLeastLoaded_evenAgainstAMatch() {
    PoolStrategy s = strategy("prefix-tree");
    List<Endpoint> es = endpoints(0, 0, 0);
    Endpoint holder = place(s, es, prompt(5, 2000, 0, 0));
    load(holder, 40);
    load(es.get((es.indexOf(holder) + 1) % 3), 20);
    Endpoint idle = es.get((es.indexOf(holder) + 2) % 3);
    assertThat(place(s, es, prompt(5, 2000, 100, 1))).isSameAs(idle); // 40 − 0 > 32
  }

  // --- DualMap

  @Test
  void dualMap_samePrefix_alwaysTheSamePairOfCandidates() {
    List<Endpoint> es = endpoints(0, 0, 0, 0, 0, 0, 0, 0);
    Set<Endpoint> seen = new HashSet<>();
    for (int round = 0; round < 5; round++) {
      PoolStrategy s = strategy("dualmap"); // fresh: no cache, so only the hashes decide
      for (int i = 0; i < 6; i++) {
        Endpoint e = place(s, es, prompt(9, 1024, 50, i));
        seen.add(e);
        load(e, 30); // make it look busy so the next one may take the other candidate
        now += 10_000_000_000L;
      }
      es.forEach(e -> {
        while (e.inFlight() > 0) {
          e.finished();
        }
      });
    }
    assertThat(seen).hasSizeBetween(1, 2);
  }

  @Test
  void dualMap_affineCandidateOverTheSlo_yieldsToTheOther() {
    PoolStrategy s = strategy("dualmap");
    List<Endpoint> es = endpoints(0, 0, 0, 0, 0, 0, 0, 0);
    Endpoint affine = place(s, es, prompt(9, 1024, 50, 0));
    assertThat(place(s, es, prompt(9, 1024, 50, 1))).isSameAs(affine);
    // fill the affine replica's prefill queue: 30 long cold prompts placed there ≈ 1.5 s of prefill
    affine.started();
    PoolStrategy direct = s;
    for (int i = 0; i < 60; i++) {
      Endpoint e = place(direct, List.of(affine), prompt(100 + i, 1000, 0, i));
      assertThat(e).isSameAs(affine);
    }
    Endpoint other = place(s, es, prompt(9, 1024, 50, 2));
    assertThat(other).isNotSameAs(affine);
  }

  @Test
  void dualMap_andChwbl_remapAtMostTwoOverNPrefixes_whenAReplicaJoins() {
    for (String name : List.of("dualmap", "chwbl", "slo-affinity")) {
      PoolStrategy s = strategy(name);
      List<Endpoint> nine = endpoints(0, 0, 0, 0, 0, 0, 0, 0, 0);
      List<Endpoint> eight = nine.subList(0, 8);
      int moved = 0;
      for (int i = 0; i < 1000; i++) {
        Endpoint before = place(s, eight, prompt(i, 512, 0, i));
        Endpoint after = place(s, nine, prompt(i, 512, 0, i));
        moved += before == after ? 0 : 1;
        now += 1_000_000_000L;
      }
      assertThat(moved / 1000.0).as(name).isLessThanOrEqualTo(2.0 / 8);
    }
  }

  @Test
  void hotspotRebalancer_movesRecentGroupsOfAHotReplica_toTheirColdSecondCandidate() {
    ReplicaView view = new ReplicaView(SloAwareSettings.DEFAULTS, new PoolContext(7, () -> now, 0));
    HotspotRebalancer rebalancer = new HotspotRebalancer(view);
    List<Endpoint> es = endpoints(1, 1, 1, 1);
    Pick pick = view.begin(es);
    for (int g = 0; g < 8; g++) {
      rebalancer.placed(g, 0, 1 + g % 2, true);
    }
    rebalancer.maybeRebalance(pick); // the first call only starts the clock
    now += 2_000_000_000L;
    pick = view.begin(es);
    // 40,000 uncached tokens queued on replica 0: 2 s of prefill, over 1.5 × the mean and SLO/2
    view.sent(pick, 0, prompt(99, 16, 0, 0).prefixBlocks(), 40_000);
    view.sent(pick, 2, prompt(98, 16, 0, 0).prefixBlocks(), 12_000); // warm, but under the mean
    rebalancer.maybeRebalance(pick);
    long moved = IntStream.range(0, 8).filter(g -> rebalancer.moved(g)).count();
    assertThat(moved).isEqualTo(4); // half the recent groups, newest first
    assertThat(IntStream.range(4, 8).allMatch(rebalancer::moved)).isTrue();
  }

  // --- Signalbox's SLO affinity

  @Test
  void sloAffinity_nextTurn_followsItsConversation_thoughBusier() {
    PoolStrategy s = strategy("slo-affinity");
    List<Endpoint> es = endpoints(0, 0, 0, 0);
    Endpoint conversation = place(s, es, prompt(4, 2000, 300, 0));
    // the next turn resends the whole first prompt and adds to it
    int[] turn2 = IntStream.range(0, 2600).map(i -> i < 2000 ? 4 * 1_000_003 + i : i < 2300 ? -(i) : 77).toArray();
    RouteRequest next = new RouteRequest("t2", Operation.CHAT, "m", List.of(), -1, false, Map.of())
        .withPrefix(PrefixBlocks.ofTokens(turn2, turn2.length));
    es.forEach(e -> load(e, 1));
    load(conversation, 2); // 3 against a mean of 1.5: busier, not hot
    assertThat(place(s, es, next)).isSameAs(conversation);
  }

  @Test
  void sloAffinity_hotHolder_shedsItsPrefixToAnotherReplica() {
    PoolStrategy s = strategy("slo-affinity");
    List<Endpoint> es = endpoints(0, 0, 0, 0);
    Endpoint holder = place(s, es, prompt(4, 2000, 0, 0));
    load(holder, 20); // mean 5: hot beyond 1.25 × 5 + 2
    assertThat(place(s, es, prompt(4, 2000, 50, 1))).isNotSameAs(holder);
  }

  @Test
  void sloAffinity_coldPrompts_spreadOverThePool() {
    PoolStrategy s = strategy("slo-affinity");
    List<Endpoint> es = endpoints(0, 0, 0, 0, 0, 0, 0, 0);
    Set<Endpoint> used = new HashSet<>();
    for (int i = 0; i < 64; i++) {
      used.add(place(s, es, prompt(1000 + i, 1024, 0, i)));
      now += 1_000_000_000L;
    }
    assertThat(used).hasSizeGreaterThanOrEqualTo(6);
  }

  // --- congestion prices

  @Test
  void price_idlePool_followsAffinity_thenPricesAHotReplicaOut() {
    PoolStrategy s = strategy("price");
    List<Endpoint> es = endpoints(0, 0, 0, 0);
    Endpoint holder = place(s, es, prompt(6, 2000, 0, 0));
    assertThat(place(s, es, prompt(6, 2000, 50, 1))).isSameAs(holder);
    load(holder, 40); // far over capacity: its price grows with time
    Endpoint later = holder;
    for (int i = 0; i < 5 && later == holder; i++) {
      now += 1_000_000_000L;
      later = place(s, es, prompt(6, 2000, 50, 2 + i));
    }
    assertThat(later).isNotSameAs(holder);
  }

  @Test
  void replicaLoad_readsVllmMetrics() {
    String text = """
        # HELP vllm:num_requests_running Number of requests in model execution batches.
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{model_name="a"} 7.0
        vllm:num_requests_running{model_name="b"} 2.0
        vllm:num_requests_waiting{model_name="a"} 3.0
        vllm:gpu_cache_usage_perc{model_name="a"} 0.42
        vllm:gpu_cache_usage_perc{model_name="b"} 0.9 1700000000000
        vllm:prefix_cache_hits_total{model_name="a"} 100.0
        """;
    ReplicaLoad load = ReplicaLoad.fromPrometheus(text, 5);
    assertThat(load).isEqualTo(new ReplicaLoad(3, 9, 0.9, 5));
    assertThat(load.freshAt(6, 10)).isTrue();
    assertThat(ReplicaLoad.UNKNOWN.freshAt(6, Long.MAX_VALUE)).isFalse();
  }
}
