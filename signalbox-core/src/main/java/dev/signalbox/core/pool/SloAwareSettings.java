package dev.signalbox.core.pool;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;

/**
 * The settings of the strategies that estimate time to first token ({@code dualmap}, {@code
 * slo-affinity}, {@code price}): the objective, the facts of the replicas they turn into time, and
 * how much of a prompt they hash. The other cache-aware strategies read one key each of these
 * ({@link #HASH_PREFIX_BLOCKS}, {@link #CACHE_BLOCKS}) and leave the rest at the defaults.
 *
 * @param ttftSloMs the time-to-first-token objective the strategy keeps to
 * @param prefillTokensPerSecond one replica's prefill speed, to turn uncached tokens into time
 * @param cacheBlocks prompt blocks of 16 tokens a replica's prefix cache holds, to size the
 *     gateway's approximate index of each replica (llm-d's {@code lruCapacityPerServer})
 * @param hashPrefixBlocks leading blocks that are hashed to place a prompt
 */
record SloAwareSettings(double ttftSloMs, double prefillTokensPerSecond, int cacheBlocks, int hashPrefixBlocks) {

  /**
   * Defaults for a Llama-3-8B-class model on one H100-80GB: a 1 s TTFT objective, 20,000 prompt
   * tokens/s of prefill, 24,576 cached blocks (393k tokens), prompts hashed on their first 32
   * blocks (512 tokens).
   */
  static final SloAwareSettings DEFAULTS = new SloAwareSettings(1000, 20_000, 24_576, 32);

  static final Keys TTFT_SLO_MS = Keys.of("").key("ttft_slo_ms", "number > 0", DEFAULTS.ttftSloMs,
      "the time-to-first-token objective");
  static final Keys PREFILL_TOKENS_PER_S = Keys.of("").key("prefill_tokens_per_s", "number > 0",
      DEFAULTS.prefillTokensPerSecond, "one replica's prefill speed, to turn uncached prompt tokens into time");
  static final Keys CACHE_BLOCKS = Keys.of("").key("cache_blocks", "integer >= 1", DEFAULTS.cacheBlocks,
      "16-token prompt blocks one replica's prefix cache holds (sizes the gateway's index of it)");
  static final Keys HASH_PREFIX_BLOCKS = Keys.of("").key("hash_prefix_blocks", "integer >= 1",
      DEFAULTS.hashPrefixBlocks, "leading 16-token blocks hashed to place a prompt");

  SloAwareSettings {
    if (ttftSloMs <= 0 || prefillTokensPerSecond <= 0 || cacheBlocks < 1 || hashPrefixBlocks < 1) {
      throw new IllegalArgumentException("pool settings out of range: slo " + ttftSloMs + " ms, prefill "
          + prefillTokensPerSecond + " tok/s, cache " + cacheBlocks + " blocks, hash prefix " + hashPrefixBlocks
          + " blocks");
    }
  }

  /** The keys, under a strategy's description. */
  static Keys keys(String doc) {
    return Keys.of(doc).plus(TTFT_SLO_MS).plus(PREFILL_TOKENS_PER_S).plus(CACHE_BLOCKS).plus(HASH_PREFIX_BLOCKS);
  }

  static SloAwareSettings parse(ConfigNode n) {
    double slo = n.number("ttft_slo_ms", DEFAULTS.ttftSloMs);
    n.get("ttft_slo_ms").check(slo, v -> v > 0, "must be positive");
    double rate = n.number("prefill_tokens_per_s", DEFAULTS.prefillTokensPerSecond);
    n.get("prefill_tokens_per_s").check(rate, v -> v > 0, "must be positive");
    return new SloAwareSettings(slo, rate, cacheBlocks(n), hashPrefixBlocks(n));
  }

  static int cacheBlocks(ConfigNode n) {
    int blocks = n.integer("cache_blocks", DEFAULTS.cacheBlocks);
    return n.get("cache_blocks").check(blocks, v -> v >= 1, "must be at least 1");
  }

  static int hashPrefixBlocks(ConfigNode n) {
    int blocks = n.integer("hash_prefix_blocks", DEFAULTS.hashPrefixBlocks);
    return n.get("hash_prefix_blocks").check(blocks, v -> v >= 1, "must be at least 1");
  }

  SloAwareSettings withCacheBlocks(int blocks) {
    return new SloAwareSettings(ttftSloMs, prefillTokensPerSecond, blocks, hashPrefixBlocks);
  }

  SloAwareSettings withHashPrefixBlocks(int blocks) {
    return new SloAwareSettings(ttftSloMs, prefillTokensPerSecond, cacheBlocks, blocks);
  }
}
