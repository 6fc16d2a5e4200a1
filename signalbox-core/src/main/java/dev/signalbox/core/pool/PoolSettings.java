package dev.signalbox.core.pool;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import java.util.Objects;

/**
 * A model's pool strategy and the facts the cache- and SLO-aware strategies need about its
 * replicas. In configuration, {@code pool: dualmap} or the long form
 * {@code pool: {strategy: dualmap, ttft_slo_ms: 800, ...}}.
 *
 * @param strategy the strategy's name, one of {@link PoolStrategies#NAMES}
 * @param ttftSloMs the time-to-first-token objective the SLO-aware strategies keep to
 * @param prefillTokensPerSecond one replica's prefill speed, to turn uncached tokens into time
 * @param cacheBlocks prompt blocks of 16 tokens a replica's prefix cache holds, to size the
 *     gateway's approximate index of each replica (llm-d's {@code lruCapacityPerServer})
 * @param hashPrefixBlocks leading blocks that the hashing strategies ({@code chwbl}, {@code
 *     dualmap}) hash to place a prompt
 * @param metricsIntervalMs how often the gateway reads each replica's vLLM {@code /metrics}; 0: never
 */
public record PoolSettings(
    String strategy,
    double ttftSloMs,
    double prefillTokensPerSecond,
    int cacheBlocks,
    int hashPrefixBlocks,
    long metricsIntervalMs) {

  /** The default strategy. */
  public static final String DEFAULT_STRATEGY = "least-outstanding";

  public PoolSettings {
    Objects.requireNonNull(strategy, "strategy");
    if (ttftSloMs <= 0 || prefillTokensPerSecond <= 0 || cacheBlocks < 1 || hashPrefixBlocks < 1
        || metricsIntervalMs < 0) {
      throw new IllegalArgumentException("pool settings out of range: " + strategy + ", slo " + ttftSloMs
          + " ms, prefill " + prefillTokensPerSecond + " tok/s, cache " + cacheBlocks + " blocks, hash prefix "
          + hashPrefixBlocks + " blocks, metrics every " + metricsIntervalMs + " ms");
    }
  }

  /**
   * A strategy with defaults for a Llama-3-8B-class model on one H100-80GB: a 1 s TTFT objective,
   * 20,000 prompt tokens/s of prefill, 24,576 cached blocks (393k tokens), prompts hashed on their
   * first 32 blocks (512 tokens), no metrics scraping.
   */
  public static PoolSettings of(String strategy) {
    return new PoolSettings(strategy, 1000, 20_000, 24_576, 32, 0);
  }

  public PoolSettings withTtftSloMs(double ms) {
    return new PoolSettings(strategy, ms, prefillTokensPerSecond, cacheBlocks, hashPrefixBlocks, metricsIntervalMs);
  }

  public PoolSettings withPrefillTokensPerSecond(double rate) {
    return new PoolSettings(strategy, ttftSloMs, rate, cacheBlocks, hashPrefixBlocks, metricsIntervalMs);
  }

  public PoolSettings withCacheBlocks(int blocks) {
    return new PoolSettings(strategy, ttftSloMs, prefillTokensPerSecond, blocks, hashPrefixBlocks, metricsIntervalMs);
  }

  private static final PoolSettings D = of(DEFAULT_STRATEGY);

  /** The long form's keys; the short form is the strategy's name alone. */
  public static final Keys KEYS = Keys.of("the strategy that picks a replica, and what the cache- and SLO-aware "
      + "ones (chwbl, prefix-tree, dualmap, slo-affinity, price) should know of the replicas")
      .key("strategy", String.join(" | ", PoolStrategies.NAMES), DEFAULT_STRATEGY, "the strategy")
      .key("ttft_slo_ms", "number > 0", D.ttftSloMs, "the time-to-first-token objective (dualmap, slo-affinity, price)")
      .key("prefill_tokens_per_s", "number > 0", D.prefillTokensPerSecond,
          "one replica's prefill speed, to turn uncached prompt tokens into time")
      .key("cache_blocks", "integer >= 1", D.cacheBlocks,
          "16-token prompt blocks one replica's prefix cache holds (sizes the gateway's index of it)")
      .key("hash_prefix_blocks", "integer >= 1", D.hashPrefixBlocks,
          "leading blocks hashed to place a prompt (chwbl, dualmap, slo-affinity, price)")
      .key("metrics_interval_ms", "milliseconds", D.metricsIntervalMs,
          "how often each replica's vLLM /metrics is read (queue, running, KV use); 0: never");

  /** Reads {@code pool}: a strategy name, or a mapping with {@code strategy} and settings. */
  public static PoolSettings parse(ConfigNode n) {
    if (n.isMissing()) {
      return of(DEFAULT_STRATEGY);
    }
    if (!n.isObject()) {
      return of(checkName(n, n.asString()));
    }
    n.allowOnly(KEYS);
    PoolSettings d = of(checkName(n.get("strategy"), n.string("strategy", DEFAULT_STRATEGY)));
    double slo = n.number("ttft_slo_ms", d.ttftSloMs);
    n.get("ttft_slo_ms").check(slo, v -> v > 0, "must be positive");
    double rate = n.number("prefill_tokens_per_s", d.prefillTokensPerSecond);
    n.get("prefill_tokens_per_s").check(rate, v -> v > 0, "must be positive");
    int blocks = n.integer("cache_blocks", d.cacheBlocks);
    n.get("cache_blocks").check(blocks, v -> v >= 1, "must be at least 1");
    int hashBlocks = n.integer("hash_prefix_blocks", d.hashPrefixBlocks);
    n.get("hash_prefix_blocks").check(hashBlocks, v -> v >= 1, "must be at least 1");
    long interval = n.millis("metrics_interval_ms", 0).toMillis();
    return new PoolSettings(d.strategy, slo, rate, blocks, hashBlocks, interval);
  }

  private static String checkName(ConfigNode n, String name) {
    return n.check(name, PoolStrategies::isKnown,
        "unknown pool strategy '" + name + "'; known: " + String.join(", ", PoolStrategies.NAMES));
  }
}
