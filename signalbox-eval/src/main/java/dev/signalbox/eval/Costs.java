package dev.signalbox.eval;

import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.eval.trace.ModelOutcome;
import java.util.Map;

/**
 * Prices calls the data leaves unpriced: a fixed USD per call ({@code --model-cost NAME=USD}),
 * else the catalog's prices per 1M tokens times the record's tokens (the prompt's estimated
 * tokens when it has none), else unknown.
 */
public final class Costs implements EvalData.CostFiller {
  private final Map<String, Double> perCall;
  private final Catalog catalog;

  public Costs(Map<String, Double> perCall, Catalog catalog) {
    this.perCall = Map.copyOf(perCall);
    this.catalog = catalog;
  }

  @Override
  public double cost(String model, ModelOutcome outcome, Signals signals) {
    Double fixed = perCall.get(model);
    if (fixed != null) {
      return fixed;
    }
    if (catalog != null && catalog.contains(model)) {
      ModelSpec spec = catalog.get(model);
      double in = Double.isNaN(outcome.inputTokens()) ? signals.promptTokens() : outcome.inputTokens();
      double out = Double.isNaN(outcome.outputTokens()) ? 0 : outcome.outputTokens();
      return spec.cost((long) in, (long) out);
    }
    return Double.NaN;
  }
}
