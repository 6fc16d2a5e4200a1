package dev.signalbox.sim;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.SettingsProvider;
import dev.signalbox.core.config.SignalboxConfig;

/**
 * Settings of the embedded simulator, read from the top-level {@code simulator:} mapping ({@link
 * #of}), which {@link Provider} checks when the configuration loads.
 *
 * @param seed makes every simulated replica's random draws reproducible
 */
public record SimulatorConfig(long seed) {

  static final SimulatorConfig DEFAULT = new SimulatorConfig(42);

  static final Keys KEYS = Keys.of("the embedded simulator")
      .key("seed", "integer", DEFAULT.seed, "makes every simulated replica's random draws reproducible");

  /** The simulator's settings in {@code config} (the defaults when it has none). */
  public static SimulatorConfig of(SignalboxConfig config) {
    return parse(config.simulator().node());
  }

  /** Documents and checks the top-level {@code simulator:} mapping. */
  public static final class Provider implements SettingsProvider {
    @Override
    public String name() {
      return "simulator";
    }

    @Override
    public Keys keys() {
      return KEYS;
    }

    @Override
    public SimulatorConfig parse(ConfigNode node) {
      return SimulatorConfig.parse(node);
    }
  }

  static SimulatorConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return DEFAULT;
    }
    n.allowOnly(KEYS);
    return new SimulatorConfig(n.longValue("seed", DEFAULT.seed));
  }
}
