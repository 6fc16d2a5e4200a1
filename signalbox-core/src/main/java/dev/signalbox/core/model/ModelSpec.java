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
}
