package dev.signalbox.agents;

/** What an agent is asked to achieve: one tool graph, or several run side by side and joined. */
public sealed interface AgentGoal permits ToolGraph, FanOut {

  /** The goal's name, shown in records and reports. */
  String name();

  /** Runs this goal with {@code runner} on {@code input}. */
  GoalRunResult runOn(GoalRunner runner, String input);
}
