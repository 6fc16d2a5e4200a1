package dev.signalbox.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.learn.cost.TokenCostModel;
import java.util.List;

/**
 * The training rows a router's knob was calibrated on, kept in its artifact so that the gateway
 * can redo the calibration for the models and prices it serves: per row the prompt's estimated
 * tokens, and per row and model the out-of-fold predictions (quality, cost in the training data's
 * dollars, output tokens) next to what happened. The token columns are null when the data has no
 * output tokens; costs then stay the training data's.
 */
public record CalibrationRows(float[] promptTokens, float[][] predictedQuality, float[][] predictedCost,
    float[][] quality, float[][] cost, float[][] predictedOutputTokens, float[][] outputTokens) {

  /** The rows of a training run; {@code oofOutputTokens} null when the data has no output tokens. */
  public static CalibrationRows of(Dataset data, int[] rows, double[][] oofQuality, double[][] oofCost,
      double[][] oofOutputTokens) {
    float[] prompt = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      prompt[i] = data.features()[rows[i]].promptTokens();
    }
    boolean tokens = oofOutputTokens != null;
    return new CalibrationRows(prompt, pick(oofQuality, rows), pick(oofCost, rows), pick(data.quality(), rows),
        pick(data.cost(), rows), tokens ? pick(oofOutputTokens, rows) : null,
        tokens ? pick(data.outputTokens(), rows) : null);
  }

  public int size() {
    return promptTokens.length;
  }

  /** Whether costs can be re-priced: the rows have output tokens and their predictions. */
  public boolean hasTokens() {
    return outputTokens != null;
  }

  /** Every row's index, for {@link Calibration#sweep}. */
  public int[] all() {
    return java.util.stream.IntStream.range(0, size()).toArray();
  }

  public double[][] predictedQuality(int[] columns) {
    return select(predictedQuality, columns);
  }

  public double[][] quality(int[] columns) {
    return select(quality, columns);
  }

  /** Predicted costs of the columns: at these models' prices ({@link #hasTokens} needed), or the training data's when null. */
  public double[][] predictedCost(int[] columns, List<ModelSpec> prices) {
    return prices == null ? select(predictedCost, columns) : priced(predictedOutputTokens, columns, prices);
  }

  /** What the calls cost: at these models' prices, or the training data's when null. */
  public double[][] cost(int[] columns, List<ModelSpec> prices) {
    return prices == null ? select(cost, columns) : priced(outputTokens, columns, prices);
  }

  private double[][] priced(float[][] output, int[] columns, List<ModelSpec> prices) {
    double[][] out = new double[size()][columns.length];
    for (int r = 0; r < out.length; r++) {
      for (int i = 0; i < columns.length; i++) {
        ModelSpec m = prices.get(i);
        out[r][i] = TokenCostModel.cost(promptTokens[r], output[r][columns[i]], m.inputPricePerMillion(),
            m.outputPricePerMillion());
      }
    }
    return out;
  }

  private static double[][] select(float[][] matrix, int[] columns) {
    double[][] out = new double[matrix.length][columns.length];
    for (int r = 0; r < out.length; r++) {
      for (int i = 0; i < columns.length; i++) {
        out[r][i] = matrix[r][columns[i]];
      }
    }
    return out;
  }

  private static float[][] pick(double[][] matrix, int[] rows) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = Vectors.toFloats(matrix[rows[i]]);
    }
    return out;
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("models", predictedQuality.length == 0 ? 0 : predictedQuality[0].length);
    n.put("prompt_tokens", Vectors.encode(promptTokens));
    n.put("predicted_quality", Vectors.encode(Vectors.flatten(predictedQuality)));
    n.put("predicted_cost", Vectors.encode(Vectors.flatten(predictedCost)));
    n.put("quality", Vectors.encode(Vectors.flatten(quality)));
    n.put("cost", Vectors.encode(Vectors.flatten(cost)));
    if (hasTokens()) {
      n.put("predicted_output_tokens", Vectors.encode(Vectors.flatten(predictedOutputTokens)));
      n.put("output_tokens", Vectors.encode(Vectors.flatten(outputTokens)));
    }
    return n;
  }

  public static CalibrationRows fromJson(JsonNode n) {
    int models = n.get("models").asInt();
    return new CalibrationRows(Vectors.decode(n.get("prompt_tokens").asText()), matrix(n, "predicted_quality", models),
        matrix(n, "predicted_cost", models), matrix(n, "quality", models), matrix(n, "cost", models),
        matrix(n, "predicted_output_tokens", models), matrix(n, "output_tokens", models));
  }

  private static float[][] matrix(JsonNode n, String key, int models) {
    return n.has(key) ? Vectors.unflatten(Vectors.decode(n.get(key).asText()), models) : null;
  }
}
