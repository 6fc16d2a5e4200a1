package dev.signalbox.agents;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Polls the monitors and keeps, per tool, the signal that wins. */
final class HealthBoard {
  private final List<HealthMonitor> monitors;

  HealthBoard(List<HealthMonitor> monitors) {
    this.monitors = List.copyOf(monitors);
  }

  /** The winning signal per tool; the order of monitors does not matter. */
  Map<String, HealthSignal> poll() {
    Map<String, HealthSignal> winners = new LinkedHashMap<>();
    for (HealthMonitor monitor : monitors) {
      for (HealthSignal s : monitor.signals()) {
        winners.merge(s.tool(), s, (held, offered) -> offered.outranks(held) ? offered : held);
      }
    }
    return winners;
  }

  /** The health of {@code tool} under {@code winners}; 1 when no monitor spoke of it. */
  static double health(Map<String, HealthSignal> winners, String tool) {
    HealthSignal s = winners.get(tool);
    return s == null ? 1 : s.health();
  }

  /** The winners that are not fully healthy. */
  static List<HealthSignal> unhealthy(Collection<HealthSignal> winners) {
    return winners.stream().filter(s -> s.health() < 1).toList();
  }
}
