package dev.signalbox.agents;

/**
 * The LLM, consulted by the router only when no finite route is left: it demotes the goal to one
 * of the reachable reduced goals the impasse offers, or hands the run to a human.
 */
@FunctionalInterface
public interface Escalation {

  /** Decides what to do at {@code impasse}; one LLM call. */
  ImpasseDecision decide(Impasse impasse);
}
