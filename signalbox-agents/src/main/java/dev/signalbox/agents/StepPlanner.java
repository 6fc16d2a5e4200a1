package dev.signalbox.agents;

/** The LLM of the every-step baseline: asked for every action, including after each failure. */
@FunctionalInterface
public interface StepPlanner {

  /** Chooses the next action in {@code state}; one LLM call. */
  Action next(AgentState state);
}
