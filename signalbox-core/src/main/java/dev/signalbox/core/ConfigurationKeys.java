package dev.signalbox.core;

import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.core.state.SharedStates;

/**
 * Every configuration key, with the keys of each provider on the class path (routing policies,
 * pool strategies, state stores), which {@code signalbox config --reference} prints. Here, above
 * the packages that own the providers, so that none of them depends on another for it.
 */
public final class ConfigurationKeys {
  private ConfigurationKeys() {}

  /** The description of every key. */
  public static Keys all() {
    return SignalboxConfig.keys(Routers.keys(), PoolStrategies.keys(), SharedStates.keys());
  }
}
