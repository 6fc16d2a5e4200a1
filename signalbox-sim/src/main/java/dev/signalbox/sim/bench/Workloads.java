package dev.signalbox.sim.bench;

import java.util.List;

/** The bench's workloads by name. */
public final class Workloads {
  private Workloads() {}

  /** Every workload: three that share prefixes, and the control that shares none. */
  public static final List<String> NAMES = List.of("shared-system-prompts", "multi-turn", "agent-loop", "no-sharing");

  /** The workload of this name; throws for unknown names. */
  public static Workload named(String name) {
    switch (name) {
      case "shared-system-prompts":
        return SingleShotWorkload.sharedSystemPrompts();
      case "multi-turn":
        return SessionWorkload.multiTurn();
      case "agent-loop":
        return SessionWorkload.agentLoop();
      case "no-sharing":
        return SingleShotWorkload.noSharing();
      default:
        throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + String.join(", ", NAMES));
    }
  }
}
