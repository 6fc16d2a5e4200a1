package dev.signalbox.core.model;

import dev.signalbox.core.request.Operation;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A model as the router knows it: its name, its list prices and what it can do.
 *
 * @param name the name callers use
 * @param inputPricePerMillion USD per 1M prompt tokens
 * @param outputPricePerMillion USD per 1M completion tokens
 * @param contextWindow the most tokens prompt plus output may take
 * @param operations the API operations it serves
 */
public record ModelSpec(
    String name,
    double inputPricePerMillion,
    double outputPricePerMillion,
    int contextWindow,
    Set<Operation> operations) {

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    operations = Collections.unmodifiableSet(
        operations.isEmpty() ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(operations));
  }

  /** The cost in USD of a call with these token counts. */
  public double cost(long promptTokens, long completionTokens) {
    return (promptTokens * inputPricePerMillion + completionTokens * outputPricePerMillion) / 1e6;
  }

  /** Whether a prompt of this size, with room for this much output, fits the context window. */
  public boolean fits(int promptTokens, int outputTokens) {
    return promptTokens + Math.max(outputTokens, 0) <= contextWindow;
  }

  public boolean serves(Operation operation) {
    return operations.contains(operation);
  }

  /** Why a model cannot take a request: the operation, or the context window. */
  public record Refusal(boolean operation, String reason) {}

  /**
   * Whether this model can take a request: it serves the operation, and the prompt with the
   * caller's output limit (0 or less: none given) fits its context window. The one check the
   * routing table, the rules and the route graph all make.
   */
  public boolean admits(Operation operation, int promptTokens, int outputTokens) {
    return serves(operation) && fits(promptTokens, outputTokens);
  }

  /** Why this model cannot take the request, or null when it {@link #admits} it. */
  public Refusal refusal(Operation operation, int promptTokens, int outputTokens) {
    if (!serves(operation)) {
      return new Refusal(true, "model " + name + " does not serve " + operation.configName());
    }
    if (!fits(promptTokens, outputTokens)) {
      return new Refusal(false, "model " + name + " cannot fit " + promptTokens + " prompt tokens"
          + (outputTokens > 0 ? " + " + outputTokens + " output tokens" : "") + " (window " + contextWindow + ")");
    }
    return null;
  }
}
