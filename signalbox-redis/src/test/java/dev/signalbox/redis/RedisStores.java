package dev.signalbox.redis;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.state.SharedState;
import dev.signalbox.core.state.SharedStates;

/** Opens a store the way the gateway does: from a configuration's {@code state:} mapping. */
final class RedisStores {
  private RedisStores() {}

  static SharedState open(String state) {
    String yaml = "models: [{name: m, endpoints: [{url: 'http://127.0.0.1:1'}]}]\nstate: " + state + "\n";
    return SharedStates.open(ConfigLoader.parse(yaml, name -> null).state());
  }
}
