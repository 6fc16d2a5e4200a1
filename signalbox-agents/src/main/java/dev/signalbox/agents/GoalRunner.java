package dev.signalbox.agents;

/** Runs goals over tool graphs: the self-healing router, or the every-step baseline. */
public interface GoalRunner {

  /** Runs one tool graph from START on {@code input}. */
  RunRecord run(ToolGraph graph, String input);

  /** Runs every branch of a fan-out and joins them; one after another unless overridden. */
  default FanOutRecord run(FanOut goal, String input) {
    return goal.run(this, input, Runnable::run);
  }
}
