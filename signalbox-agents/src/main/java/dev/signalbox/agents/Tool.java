package dev.signalbox.agents;

import java.util.Objects;

/**
 * A tool an agent can call, with what one call is expected to cost. A {@link ToolCostModel} folds the
 * costs into the weight of the edges that lead to the tool.
 *
 * @param name unique within its graph, e.g. {@code search.web}
 * @param latencyMs expected latency of one call, in milliseconds
 * @param price expected price of one call, in US dollars
 * @param risk chance in [0, 1] that a call fails or does harm (one minus its reliability)
 */
public record Tool(String name, double latencyMs, double price, double risk) {
  public Tool {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tool name must not be blank");
    }
    if (!(latencyMs >= 0) || !(price >= 0) || Double.isInfinite(latencyMs) || Double.isInfinite(price)) {
      throw new IllegalArgumentException(
          "tool " + name + ": latency and price must be finite and non-negative, got " + latencyMs + ", " + price);
    }
    if (!(risk >= 0 && risk <= 1)) {
      throw new IllegalArgumentException("tool " + name + ": risk must be in [0, 1], got " + risk);
    }
  }
}
