package dev.signalbox.agents;

import dev.signalbox.core.graph.ShortestPath.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a run cannot go on, as shown to the LLM: usually no finite route from {@code current} to
 * {@code target} is left.
 *
 * @param graph the tool graph's name
 * @param current the node the run stands on (START or the last tool that succeeded)
 * @param target the goal being routed to
 * @param reason what blocks the run, e.g. {@code no finite route from fetch.http to GOAL}
 * @param failures the tools that failed in this run and why, in order
 * @param signals monitor signals that keep tools down or degraded
 * @param reducedGoals routes to the reduced goals still reachable, cheapest first
 */
public record Impasse(
    String graph,
    String current,
    String target,
    String reason,
    Map<String, String> failures,
    List<HealthSignal> signals,
    List<Path<String>> reducedGoals) {

  public Impasse {
    failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    signals = List.copyOf(signals);
    reducedGoals = List.copyOf(reducedGoals);
  }

  /** Whether {@code goal} is one of the reachable reduced goals offered. */
  public boolean offers(String goal) {
    return reducedGoals.stream().anyMatch(p -> p.last().equals(goal));
  }
}
