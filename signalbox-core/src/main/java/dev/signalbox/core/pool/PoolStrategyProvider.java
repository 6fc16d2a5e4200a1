package dev.signalbox.core.pool;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.PoolConfig;
import java.util.List;

/**
 * Builds one kind of pool strategy from a model's {@code pool} settings. Built-in providers are
 * listed in {@link PoolStrategies}; others are found with {@link java.util.ServiceLoader} (list the
 * class in {@code META-INF/services/dev.signalbox.core.pool.PoolStrategyProvider}).
 *
 * @param <S> the strategy's settings, a record read from its own keys
 */
public interface PoolStrategyProvider<S> {

  /** The strategy's name in configuration, e.g. {@code dualmap}. */
  String name();

  /** Other names it is known by, e.g. {@code power-of-two-choices} for {@code p2c}. */
  default List<String> aliases() {
    return List.of();
  }

  /**
   * The pool keys the strategy reads besides those every pool has ({@link PoolConfig#KEYS}): a
   * pool mapping is checked against them before {@link #settings}, and {@code signalbox config
   * --reference} documents them, with the description's doc as the strategy's.
   */
  Keys keys();

  /**
   * Reads the settings from the {@code pool} node: a mapping already checked against {@link
   * #keys}, or the short form (the strategy's name) or nothing, which give the defaults. Problems
   * are reported through the node, so they name their key.
   */
  S settings(ConfigNode pool);

  /** Creates a strategy for one model's pool. */
  PoolStrategy create(S settings, PoolContext context);
}
