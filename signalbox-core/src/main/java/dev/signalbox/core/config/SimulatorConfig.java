package dev.signalbox.core.config;

/**
 * Settings of the embedded simulator.
 *
 * @param seed makes every simulated replica's random draws reproducible
 */
public record SimulatorConfig(long seed) {

  static SimulatorConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return new SimulatorConfig(42);
    }
    n.allowOnly("seed");
    return new SimulatorConfig(n.longValue("seed", 42));
  }
}
