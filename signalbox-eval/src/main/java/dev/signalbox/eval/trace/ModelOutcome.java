package dev.signalbox.eval.trace;

/**
 * What one model did on one prompt. Only quality is required; a missing number is {@code NaN}.
 *
 * @param quality the score in [0, 1]
 * @param cost USD for the call
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param latencyMs time to the full answer
 */
public record ModelOutcome(double quality, double cost, double inputTokens, double outputTokens, double latencyMs) {

  public static ModelOutcome of(double quality, double cost) {
    return new ModelOutcome(quality, cost, Double.NaN, Double.NaN, Double.NaN);
  }

  public ModelOutcome withCost(double newCost) {
    return new ModelOutcome(quality, newCost, inputTokens, outputTokens, latencyMs);
  }
}
