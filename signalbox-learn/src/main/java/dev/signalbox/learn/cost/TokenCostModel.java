package dev.signalbox.learn.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import dev.signalbox.learn.quality.KnnQuality;

/**
 * CARROT's cost estimate: {@code price_in · prompt tokens + price_out · predicted output tokens},
 * with each model's output tokens predicted by the mean of the nearest training prompts. Needs
 * list prices (USD per 1M tokens) and output token counts in the data.
 */
public final class TokenCostModel implements CostModel {
  private final double[] inputPrice;
  private final double[] outputPrice;
  private final KnnQuality outputTokens;

  public TokenCostModel(double[] inputPrice, double[] outputPrice, KnnQuality outputTokens) {
    this.inputPrice = inputPrice;
    this.outputPrice = outputPrice;
    this.outputTokens = outputTokens;
  }

  /** Fits the output-token estimator on some rows; prices are per 1M tokens, in model order. */
  public static TokenCostModel fit(Dataset data, int[] rows, double[] inputPrice, double[] outputPrice, int k) {
    return new TokenCostModel(inputPrice, outputPrice, KnnQuality.fitColumn(data, data.outputTokens(), rows, k, 2, 0));
  }

  @Override
  public double[] predict(Features x) {
    double[] out = outputTokens.predict(x);
    double[] cost = new double[out.length];
    for (int m = 0; m < cost.length; m++) {
      cost[m] = (x.promptTokens() * inputPrice[m] + Math.max(0, out[m]) * outputPrice[m]) / 1e6;
    }
    return cost;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "tokens");
    n.set("input_price_per_1m", Json.MAPPER.valueToTree(inputPrice));
    n.set("output_price_per_1m", Json.MAPPER.valueToTree(outputPrice));
    n.set("output_tokens", outputTokens.toJson());
    return n;
  }

  static TokenCostModel fromJson(JsonNode n) {
    return new TokenCostModel(Json.MAPPER.convertValue(n.get("input_price_per_1m"), double[].class),
        Json.MAPPER.convertValue(n.get("output_price_per_1m"), double[].class),
        KnnQuality.fromJson(n.get("output_tokens")));
  }
}
