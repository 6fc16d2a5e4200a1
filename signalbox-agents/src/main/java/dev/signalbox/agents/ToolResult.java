package dev.signalbox.agents;

import java.util.Objects;

/**
 * What one tool call returned.
 *
 * @param output the tool's output (tool results are text in the OpenAI tool-message format)
 * @param reason why the call failed; empty on success
 */
public record ToolResult(boolean ok, String output, String reason) {
  public ToolResult {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(reason, "reason");
  }

  /** A success with {@code output}. */
  public static ToolResult success(String output) {
    return new ToolResult(true, output, "");
  }

  /** A failure; a blank reason is recorded as {@code unspecified failure}. */
  public static ToolResult failure(String reason) {
    return new ToolResult(false, "", reason == null || reason.isBlank() ? "unspecified failure" : reason);
  }
}
