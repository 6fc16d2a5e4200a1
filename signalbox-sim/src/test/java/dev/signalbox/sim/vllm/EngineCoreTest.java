package dev.signalbox.sim.vllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.sim.ReplicaProfile;
import dev.signalbox.core.request.PrefixBlocks;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EngineCoreTest {
  /** 10,000 prompt tokens/s, 10 ms per step, no KV-read cost, 2048 tokens per step, 1,000 blocks. */
  static final ReplicaProfile.Vllm PARAMS = new ReplicaProfile.Vllm(10_000, 10, 0, 2048, 1000);

  /** A clock and a record of when each request got its first token and finished. */
  static final class Driver implements EngineCore.Events {
    final EngineCore core;
    double now;
    final Map<Object, Double> firstToken = new HashMap<>();
    final Map<Object, Double> finished = new HashMap<>();

    Driver(EngineCore core) {
      this.core = core;
    }

    /** Runs steps until the engine is idle. */
    void drain() {
      while (!core.idle()) {
        now += core.beginStep();
        core.endStep(this);
      }
    }

    /** Runs one step; returns its duration. */
    double step() {
      double ms = core.beginStep();
      now += ms;
      core.endStep(this);
      return ms;
    }

    @Override
    public void firstToken(Sequence s) {
      firstToken.put(s.owner(), now);
    }

    @Override
    public void finished(Sequence s) {
      finished.put(s.owner(), now);
    }
  }

  static PrefixBlocks prompt(int from, int length) {
    return PrefixBlocks.ofTokens(IntStream.range(from, from + length).toArray(), length);
  }

  @Test
  void ttft_uncachedPrompt_isPrefillOverChunkedSteps() {
    Driver d = new Driver(new EngineCore(PARAMS, 16, 16));
    d.core.submit(prompt(0, 4096), 1, "a");
    d.drain();
    // two steps of 2048 prompt tokens each: 2 × (10 ms + 204.8 ms)
    assertThat(d.firstToken.get("a")).isCloseTo(429.6, within(1e-6));
  }

  @Test
  void ttft_cachedPrefix_prefillsOnlyTheRest() {
    Driver d = new Driver(new EngineCore(PARAMS, 16, 16));
    d.core.submit(prompt(0, 4096), 1, "a");
    d.drain();
    double start = d.now;
    // the same 4096 tokens and 512 more: only the 512 are computed
    int[] longer = IntStream.range(0, 4608).toArray();
    d.core.submit(PrefixBlocks.ofTokens(longer, longer.length), 1, "b");
    d.drain();
    assertThat(d.firstToken.get("b") - start).isCloseTo(10 + 51.2, within(1e-6));
    assertThat(d.core.prefixHits()).isEqualTo(4096);
    assertThat(d.core.prefixQueries()).isEqualTo(4096 + 4608);
  }

  @Test
  void presumedPrefix_skipsItsPrefill_butTakesKvBlocks_andIsCachedAfterwards() {
    Driver d = new Driver(new EngineCore(PARAMS, 16, 16));
    int[] longer = IntStream.range(0, 4608).toArray();
    d.core.submit(PrefixBlocks.ofTokens(longer, longer.length), 16, "a").presumeCached(4096 / 16);
    d.step();
    // the presumed 4096 tokens are not computed, yet they hold blocks like computed ones: 4608 + 16 tokens
    assertThat(d.core.kvUsage()).isCloseTo(289 / 1000.0, within(1e-9));
    d.drain();
    assertThat(d.firstToken.get("a")).isCloseTo(10 + 51.2, within(1e-6));
    assertThat(d.core.prefixHits()).isEqualTo(4096);
    // named once admitted, so the next request finds them in the cache for real
    double start = d.now;
    d.core.submit(prompt(0, 4096), 1, "b");
    d.drain();
    assertThat(d.firstToken.get("b") - start).isCloseTo(10 + 0.1, within(1e-6));
  }

  @Test
  void ttft_fullyCachedPrompt_stillComputesItsLastToken() {
    Driver d = new Driver(new EngineCore(PARAMS, 16, 16));
    d.core.submit(prompt(0, 1024), 1, "a");
    d.drain();
    double start = d.now;
    d.core.submit(prompt(0, 1024), 1, "b");
    d.drain();
    assertThat(d.firstToken.get("b") - start).isCloseTo(10 + 0.1, within(1e-6));
  }

  @Test
  void queueing_fullBatch_waitsForASlot() {
    Driver d = new Driver(new EngineCore(PARAMS, 1, 16));
    d.core.submit(prompt(0, 16), 3, "a");
    d.core.submit(prompt(1000, 16), 3, "b");
    assertThat(d.core.waiting()).isEqualTo(2);
    d.step();
    assertThat(d.core.running()).isEqualTo(1);
    assertThat(d.core.waiting()).isEqualTo(1);
    d.drain();
    // b starts only once a has produced its 3 tokens (3 steps)
    assertThat(d.firstToken.get("b")).isGreaterThan(d.finished.get("a"));
  }

  @Test
  void queueing_kvFull_waitsForBlocks() {
    // 1,000 blocks: a holds 900 (14,384 prompt + 16 output tokens), so b (200 blocks) must wait
    Driver d = new Driver(new EngineCore(PARAMS, 16, 16));
    d.core.submit(prompt(0, 14_384), 16, "a");
    d.core.submit(prompt(100_000, 3184), 16, "b");
    d.step();
    assertThat(d.core.running()).isEqualTo(1);
    assertThat(d.core.kvUsage()).isCloseTo(0.9, within(1e-9));
    d.drain();
    assertThat(d.firstToken.get("b")).isGreaterThan(d.finished.get("a"));
  }

  @Test
  void submit_fullQueue_orPromptTooBigForTheCache_isRefused() {
    EngineCore core = new EngineCore(PARAMS, 16, 1);
    assertThat(core.submit(prompt(0, 16_001), 0, "huge")).isNull();
    assertThat(core.submit(prompt(0, 16), 1, "a")).isNotNull();
    assertThat(core.submit(prompt(0, 16), 1, "b")).isNull();
  }

  @Test
  void eviction_leastRecentlyFreedPrefixGoesFirst() {
    // 1,000 blocks; prompts of 4,000 tokens hold 250 blocks each while running
    Driver d = new Driver(new EngineCore(PARAMS, 16, 16));
    for (String name : new String[] {"a", "b", "c", "d"}) {
      d.core.submit(prompt(name.charAt(0) * 10_000, 3_984), 16, name);
      d.drain();
    }
    // 996 named prompt blocks stay cached; e needs 250, so 246 go: a's, the least recently
    // freed, from its tail, leaving a's first 3 blocks
    d.core.submit(prompt('e' * 10_000, 3_984), 16, "e");
    d.drain();
    long before = d.core.prefixHits();
    d.core.submit(prompt('b' * 10_000, 3_984), 16, "b again");
    d.drain();
    assertThat(d.core.prefixHits() - before).isEqualTo(3_983); // all but the last token
    before = d.core.prefixHits();
    d.core.submit(prompt('a' * 10_000, 3_984), 16, "a again");
    d.drain();
    assertThat(d.core.prefixHits() - before).isEqualTo(3 * 16);
  }

  @Test
  void decodeStep_growsWithTheBatchsContext() {
    ReplicaProfile.Vllm params = new ReplicaProfile.Vllm(10_000, 10, 0.1, 2048, 1000);
    Driver one = new Driver(new EngineCore(params, 16, 16));
    one.core.submit(prompt(0, 1000), 10, "a");
    one.step();
    double alone = one.step();
    Driver two = new Driver(new EngineCore(params, 16, 16));
    two.core.submit(prompt(0, 1000), 10, "a");
    two.core.submit(prompt(5000, 1000), 10, "b");
    two.step();
    double together = two.step();
    assertThat(alone).isCloseTo(10 + 0.1 * 1.001, within(1e-9));
    assertThat(together).isCloseTo(10 + 0.1 * 2.002, within(1e-9));
  }

  @Test
  void cancel_freesTheBlocks() {
    Driver d = new Driver(new EngineCore(PARAMS, 16, 16));
    Sequence s = d.core.submit(prompt(0, 1600), 100, "a");
    d.step();
    assertThat(d.core.kvUsage()).isGreaterThan(0);
    d.core.cancel(s);
    assertThat(d.core.kvUsage()).isZero();
    assertThat(d.core.idle()).isTrue();
  }
}
