package dev.signalbox.core.state;

import dev.signalbox.core.config.StateConfig;

/** Opens the {@link SharedState} a configuration names. */
public final class SharedStates {
  private SharedStates() {}

  public static SharedState open(StateConfig config) {
    return "file".equals(config.store()) ? new FileSharedState(config.path()) : new InMemorySharedState();
  }
}
