package dev.signalbox.agents;

import java.util.Objects;

/**
 * A health monitor's signal about one tool: its health in [0, 1] (0 = down, 1 = healthy) and the
 * signal's priority. Per tool the highest-priority signal wins, so a risk detector can outrank a
 * plain health check (Bholani, arXiv 2603.01548).
 *
 * @param source the monitor, e.g. {@code risk-detector}
 * @param reason why, e.g. {@code 3 of 3 probes timed out}
 */
public record HealthSignal(String tool, double health, int priority, String source, String reason) {
  public HealthSignal {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    if (!(health >= 0 && health <= 1)) {
      throw new IllegalArgumentException("health must be in [0, 1], got " + health + " for " + tool);
    }
  }

  /** The tool is down: its edges weigh +∞. */
  public static HealthSignal down(String tool, int priority, String source, String reason) {
    return new HealthSignal(tool, 0, priority, source, reason);
  }

  /** The tool works but worse: its edges weigh κ·(1 − health) more. */
  public static HealthSignal degraded(String tool, double health, int priority, String source, String reason) {
    return new HealthSignal(tool, health, priority, source, reason);
  }

  /** The tool is healthy, overriding lower-priority signals. */
  public static HealthSignal up(String tool, int priority, String source, String reason) {
    return new HealthSignal(tool, 1, priority, source, reason);
  }

  /** Whether the tool is down (health 0). */
  public boolean isDown() {
    return health == 0;
  }

  /** Whether this signal wins over {@code other}: higher priority, or on a tie the lower health. */
  public boolean outranks(HealthSignal other) {
    return priority != other.priority ? priority > other.priority : health < other.health;
  }

  @Override
  public String toString() {
    String state = isDown() ? "down" : health == 1 ? "up" : "degraded to " + health;
    return tool + " " + state + " (" + source + ", priority " + priority + ": " + reason + ")";
  }
}
