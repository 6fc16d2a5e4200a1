package dev.signalbox.core.pool;

import java.util.List;
import java.util.function.LongSupplier;

/** The pool strategies by configuration name. */
public final class PoolStrategies {
  private PoolStrategies() {}

  /** Names accepted in a model's {@code pool} key. */
  public static final List<String> NAMES = List.of(
      "round-robin", "least-outstanding", "p2c", "chwbl", "prefix-tree", "dualmap", "slo-affinity", "price");

  /** Whether {@code name} names a strategy (an alias included). */
  public static boolean isKnown(String name) {
    return NAMES.contains(name) || name.equals("power-of-two-choices");
  }

  /** Creates a strategy with default settings on the system clock; null for unknown names. */
  public static PoolStrategy create(String name, long seed) {
    return isKnown(name) ? create(PoolSettings.of(name), seed, System::nanoTime) : null;
  }

  /**
   * Creates the strategy {@code settings} names; {@code seed} feeds the randomised and hashing
   * ones, {@code nanoClock} the time-aware ones (a simulation passes its own clock).
   */
  public static PoolStrategy create(PoolSettings settings, long seed, LongSupplier nanoClock) {
    switch (settings.strategy()) {
      case "round-robin":
        return new RoundRobin();
      case "least-outstanding":
        return new LeastOutstanding();
      case "p2c":
      case "power-of-two-choices":
        return new PowerOfTwoChoices(seed);
      case "chwbl":
        return new BoundedLoadHashing(new ReplicaView(settings, nanoClock), seed);
      case "prefix-tree":
        return new PrefixTreeRouting(new ReplicaView(settings, nanoClock));
      case "dualmap":
        return new DualMap(new ReplicaView(settings, nanoClock), seed);
      case "slo-affinity":
        return new SloAffinity(new ReplicaView(settings, nanoClock), seed);
      case "price":
        return new CongestionPrice(new ReplicaView(settings, nanoClock), seed);
      default:
        throw new IllegalArgumentException("unknown pool strategy '" + settings.strategy() + "'; known: "
            + String.join(", ", NAMES));
    }
  }
}
