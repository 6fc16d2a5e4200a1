package dev.signalbox.core.config;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A model's {@code pool}: the strategy's name and the node it was written in, whose other keys the
 * strategy reads itself ({@code dev.signalbox.core.pool.PoolStrategies}). In configuration,
 * {@code pool: dualmap} or {@code pool: {strategy: dualmap, ttft_slo_ms: 800, ...}}.
 *
 * @param strategy the strategy's name
 * @param settings the {@code pool} node: a mapping, the strategy's name alone, or missing
 */
public record PoolConfig(String strategy, ConfigNode settings) {

  /** The default strategy. */
  public static final String DEFAULT_STRATEGY = "least-outstanding";

  /** The keys of every pool mapping; each strategy adds its own. */
  public static final Keys KEYS = Keys.of("how a replica is picked: a strategy's name, or a mapping with the "
      + "strategy and its settings")
      .key("strategy", "strategy name", DEFAULT_STRATEGY, "the strategy; its own keys follow, by strategy")
      .key("metrics_interval_ms", "milliseconds", 0,
          "the model's metrics_interval_ms, written here (its older place); give it in one place only");

  /** A strategy with default settings, as the short form {@code pool: NAME} gives. */
  public static PoolConfig named(String strategy) {
    return new PoolConfig(strategy, new ConfigNode(TextNode.valueOf(strategy), "pool"));
  }

  /** The node that names the strategy, where a problem with the name is reported. */
  public ConfigNode strategyNode() {
    return settings.isObject() ? settings.get("strategy") : settings;
  }

  static PoolConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return new PoolConfig(DEFAULT_STRATEGY, n);
    }
    return new PoolConfig(n.isObject() ? n.string("strategy", DEFAULT_STRATEGY) : n.asString(), n);
  }
}
