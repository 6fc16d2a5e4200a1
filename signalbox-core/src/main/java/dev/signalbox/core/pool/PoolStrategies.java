package dev.signalbox.core.pool;

import dev.signalbox.core.config.ConfigCheck;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.ModelConfig;
import dev.signalbox.core.config.PoolConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.spi.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The pool strategies by configuration name: the built-ins plus any {@link PoolStrategyProvider}
 * on the class path. Each strategy reads its own keys of a model's {@code pool}.
 */
public final class PoolStrategies {
  private static final ProviderRegistry<PoolStrategyProvider<?>> PROVIDERS = ProviderRegistry.discover(
      "pool strategy", providerType(), PoolStrategies::names, List.of(
          BuiltInStrategy.plain("round-robin", List.of(), "takes the replicas in turn", c -> new RoundRobin()),
          BuiltInStrategy.plain("least-outstanding", List.of(),
              "the replica with the fewest requests in flight, ties in turn", c -> new LeastOutstanding()),
          BuiltInStrategy.plain("p2c", List.of("power-of-two-choices"),
              "the less loaded of two replicas sampled at random", c -> new PowerOfTwoChoices(c.seed())),
          new BuiltInStrategy<>("chwbl", List.of(), BoundedLoadHashing.Settings.KEYS,
              BoundedLoadHashing.Settings::parse, BoundedLoadHashing::new),
          new BuiltInStrategy<>("prefix-tree", List.of(), PrefixTreeRouting.Settings.KEYS,
              PrefixTreeRouting.Settings::parse, PrefixTreeRouting::new),
          new BuiltInStrategy<>("dualmap", List.of(), SloAwareSettings.keys("two hash rings give each prefix two "
              + "candidates; the cached one unless it breaks the SLO"), SloAwareSettings::parse, DualMap::new),
          new BuiltInStrategy<>("slo-affinity", List.of(), SloAwareSettings.keys("the cached prefix unless its "
              + "holders are hot, cold prompts by bounded-load hashing"), SloAwareSettings::parse, SloAffinity::new),
          new BuiltInStrategy<>("price", List.of(), SloAwareSettings.keys("cached share of the prompt minus a "
              + "congestion price per replica"), SloAwareSettings::parse, CongestionPrice::new)));

  /** Names accepted in a model's {@code pool} key (aliases left out), built-ins first. */
  public static final List<String> NAMES = PROVIDERS.names();

  /** The keys of a pool mapping, each strategy's as a variant. */
  private static final Keys POOL_KEYS = PoolConfig.KEYS.variants("strategy", keys());

  private PoolStrategies() {}

  /** Whether {@code name} names a strategy (an alias included). */
  public static boolean isKnown(String name) {
    return PROVIDERS.contains(name);
  }

  /** Each strategy's own keys of {@code pool}, by name, for the configuration reference. */
  public static Map<String, Keys> keys() {
    return PROVIDERS.map(PoolStrategyProvider::keys);
  }

  /** Creates a strategy with default settings on the system clock; null for unknown names. */
  public static PoolStrategy create(String name, long seed) {
    return isKnown(name) ? create(PoolConfig.named(name), PoolContext.of(seed)) : null;
  }

  /**
   * Creates a model's strategy with its settings; {@code seed} feeds the randomised and hashing
   * ones, {@code nanoClock} the time-aware ones. The gateway's entry point.
   */
  public static PoolStrategy create(ModelConfig model, long seed, LongSupplier nanoClock) {
    return create(model.pool(), new PoolContext(seed, nanoClock, model.metricsIntervalMs()));
  }

  /** Creates the strategy {@code pool} names, reading its settings; fails naming the key at fault. */
  public static PoolStrategy create(PoolConfig pool, PoolContext context) {
    return build(provider(pool), pool.settings(), context);
  }

  /** The settings {@code pool}'s strategy reads from it, as its own record; fails naming the key at fault. */
  public static Object settings(PoolConfig pool) {
    return provider(pool).settings(pool.settings());
  }

  private static <S> PoolStrategy build(PoolStrategyProvider<S> provider, ConfigNode settings, PoolContext context) {
    return provider.create(provider.settings(settings), context);
  }

  /** The provider {@code pool} names, its settings checked against its keys. */
  private static PoolStrategyProvider<?> provider(PoolConfig pool) {
    PoolStrategyProvider<?> provider = PROVIDERS.get(pool.strategy());
    if (provider == null) {
      throw pool.strategyNode().problem(PROVIDERS.unknown(pool.strategy()));
    }
    if (pool.settings().isObject()) {
      pool.settings().allowOnly(POOL_KEYS, provider.name(),
          (key, readers) -> provider.name() + " does not read " + key + "; " + String.join(", ", readers)
              + (readers.size() == 1 ? " does" : " do"));
    }
    return provider;
  }

  private static List<String> names(PoolStrategyProvider<?> p) {
    List<String> names = new ArrayList<>();
    names.add(p.name());
    names.addAll(p.aliases());
    return names;
  }

  @SuppressWarnings("unchecked")
  private static Class<PoolStrategyProvider<?>> providerType() {
    return (Class<PoolStrategyProvider<?>>) (Class<?>) PoolStrategyProvider.class;
  }

  /** Checks every model's pool when a configuration is read (found by {@code ServiceLoader}). */
  public static final class PoolCheck implements ConfigCheck {
    @Override
    public void check(SignalboxConfig config) {
      for (ModelConfig model : config.models()) {
        model.pool().settings().attempt(() -> settings(model.pool()), null);
      }
    }
  }
}
