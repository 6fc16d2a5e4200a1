package dev.signalbox.learn.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.learn.Dataset;

/** Chooses and reads cost models. */
public final class CostModels {
  private CostModels() {}

  /**
   * The cost model the data supports: CARROT's token estimate when it has output tokens and
   * prices are known, else a line in prompt tokens fitted to the observed costs.
   */
  public static CostModel fit(Dataset data, int[] rows, double[] inputPrice, double[] outputPrice) {
    if (inputPrice != null && outputPrice != null && data.known(data.outputTokens(), rows)) {
      return TokenCostModel.fit(data, rows, inputPrice, outputPrice, 25);
    }
    return LinearCostModel.fit(data, rows);
  }

  public static CostModel fromJson(JsonNode n) {
    String kind = n.path("kind").asText();
    switch (kind) {
      case "linear":
        return LinearCostModel.fromJson(n);
      case "tokens":
        return TokenCostModel.fromJson(n);
      default:
        throw new IllegalArgumentException("unknown cost model kind '" + kind + "'");
    }
  }
}
