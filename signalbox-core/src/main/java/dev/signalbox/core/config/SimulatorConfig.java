package dev.signalbox.core.config;

/**
 * Settings of the embedded simulator.
 *
 * @param seed makes every simulated replica's random draws reproducible
 */
public record SimulatorConfig(long seed) {

  static final SimulatorConfig DEFAULT = new SimulatorConfig(42);

  static final Keys KEYS = Keys.of("the embedded simulator")
      .key("seed", "integer", DEFAULT.seed, "makes every simulated replica's random draws reproducible");

  static SimulatorConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return DEFAULT;
    }
    n.allowOnly(KEYS);
    return new SimulatorConfig(n.longValue("seed", DEFAULT.seed));
  }
}
