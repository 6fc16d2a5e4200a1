package dev.signalbox.agents;

/**
 * Runs one tool call for the router; supplied by the caller. An exception counts as a failure
 * with the exception as its reason.
 */
@FunctionalInterface
public interface ToolExecutor {

  /** Calls {@code tool} with the run's {@code context}. */
  ToolResult execute(Tool tool, ToolContext context);
}
