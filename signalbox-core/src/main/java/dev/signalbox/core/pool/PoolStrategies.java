package dev.signalbox.core.pool;

import java.util.List;
import java.util.function.LongFunction;

/** The pool strategies by configuration name. */
public final class PoolStrategies {
  private PoolStrategies() {}

  /** Names accepted in a model's {@code pool} key. */
  public static final List<String> NAMES = List.of("round-robin", "least-outstanding", "p2c");

  /** Creates a strategy; {@code seed} feeds the randomised ones. Returns null for unknown names. */
  public static PoolStrategy create(String name, long seed) {
    LongFunction<PoolStrategy> factory;
    switch (name) {
      case "round-robin":
        factory = s -> new RoundRobin();
        break;
      case "least-outstanding":
        factory = s -> new LeastOutstanding();
        break;
      case "p2c":
      case "power-of-two-choices":
        factory = PowerOfTwoChoices::new;
        break;
      default:
        return null;
    }
    return factory.apply(seed);
  }
}
