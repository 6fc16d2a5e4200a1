package dev.signalbox.core.pool;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The provider of a built-in strategy: its name, its keys, how its settings are read and how the
 * strategy is made from them.
 */
record BuiltInStrategy<S>(String name, List<String> aliases, Keys keys, Function<ConfigNode, S> parse,
    BiFunction<S, PoolContext, PoolStrategy> factory) implements PoolStrategyProvider<S> {

  /** The settings of a strategy that reads none. */
  enum NoSettings { NONE }

  /** A strategy that reads no settings, described by {@code doc}. */
  static BuiltInStrategy<NoSettings> plain(String name, List<String> aliases, String doc,
      Function<PoolContext, PoolStrategy> factory) {
    return new BuiltInStrategy<>(name, aliases, Keys.of(doc + "; no settings of its own"), n -> NoSettings.NONE,
        (none, context) -> factory.apply(context));
  }

  @Override
  public S settings(ConfigNode pool) {
    return parse.apply(pool);
  }

  @Override
  public PoolStrategy create(S settings, PoolContext context) {
    return factory.apply(settings, context);
  }
}
