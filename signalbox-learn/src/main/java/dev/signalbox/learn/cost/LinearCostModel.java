package dev.signalbox.learn.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;

/**
 * Cost per model as a line in the prompt's estimated tokens, {@code a_m + b_m · tokens}, fitted by
 * least squares on the observed costs: list prices times tokens, with the mean output folded into
 * the intercept. Used when the data has costs but no token counts (RouterBench).
 */
public final class LinearCostModel implements CostModel {
  private final double[] intercept;
  private final double[] perToken;

  public LinearCostModel(double[] intercept, double[] perToken) {
    this.intercept = intercept;
    this.perToken = perToken;
  }

  public static LinearCostModel fit(Dataset data, int[] rows) {
    int models = data.modelCount();
    double[] a = new double[models];
    double[] b = new double[models];
    for (int m = 0; m < models; m++) {
      double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
      for (int r : rows) {
        double y = data.cost()[r][m];
        if (Double.isNaN(y)) {
          continue;
        }
        double x = data.features()[r].promptTokens();
        n++;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
      }
      if (n == 0) {
        continue;
      }
      double var = sxx - sx * sx / n;
      b[m] = var > 1e-9 ? Math.max(0, (sxy - sx * sy / n) / var) : 0;
      a[m] = sy / n - b[m] * sx / n;
    }
    return new LinearCostModel(a, b);
  }

  @Override
  public double[] predict(Features x) {
    double[] out = new double[intercept.length];
    for (int m = 0; m < out.length; m++) {
      out[m] = Math.max(0, intercept[m] + perToken[m] * x.promptTokens());
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "linear");
    n.set("intercept", Json.MAPPER.valueToTree(intercept));
    n.set("per_prompt_token", Json.MAPPER.valueToTree(perToken));
    return n;
  }

  static LinearCostModel fromJson(JsonNode n) {
    return new LinearCostModel(Json.MAPPER.convertValue(n.get("intercept"), double[].class),
        Json.MAPPER.convertValue(n.get("per_prompt_token"), double[].class));
  }
}
