package dev.signalbox.learn.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import dev.signalbox.learn.quality.KnnQuality;
import dev.signalbox.learn.quality.QualityModel;
import dev.signalbox.learn.quality.QualityModels;
import java.util.Locale;

/**
 * CARROT's cost estimate: {@code price_in · prompt tokens + price_out · predicted output tokens},
 * with each model's output tokens predicted from the prompt (by default the mean of the nearest
 * training prompts). Prices are USD per 1M tokens, as the catalog lists them.
 */
public final class TokenCostModel implements CostModel {
  private final double[] inputPrice;
  private final double[] outputPrice;
  private final QualityModel outputTokens;

  /**
   * @param inputPrice USD per 1M prompt tokens, per model in column order
   * @param outputPrice USD per 1M output tokens
   * @param outputTokens predicts each model's output tokens (in the same column order)
   */
  public TokenCostModel(double[] inputPrice, double[] outputPrice, QualityModel outputTokens) {
    this.inputPrice = inputPrice;
    this.outputPrice = outputPrice;
    this.outputTokens = outputTokens;
  }

  /** Fits the output-token estimator on some rows; prices are per 1M tokens, in model order. */
  public static TokenCostModel fit(Dataset data, int[] rows, double[] inputPrice, double[] outputPrice, int k) {
    return new TokenCostModel(inputPrice, outputPrice, KnnQuality.fitColumn(data, data.outputTokens(), rows, k, 2, 0));
  }

  /** USD for a call of this many tokens at these prices per 1M tokens. */
  public static double cost(double promptTokens, double outputTokens, double inputPrice, double outputPrice) {
    return (promptTokens * inputPrice + Math.max(0, outputTokens) * outputPrice) / 1e6;
  }

  @Override
  public double[] predict(Features x) {
    double[] out = outputTokens.predict(x);
    double[] cost = new double[out.length];
    for (int m = 0; m < cost.length; m++) {
      cost[m] = cost(x.promptTokens(), out[m], inputPrice[m], outputPrice[m]);
    }
    return cost;
  }

  @Override
  public String basis(int model) {
    return String.format(Locale.ROOT, "at catalog prices (input %s, output %s per 1M)",
        QualityModels.num(inputPrice[model]), QualityModels.num(outputPrice[model]));
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
        QualityModels.fromJson(n.get("output_tokens")));
  }
}
