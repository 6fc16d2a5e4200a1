package dev.signalbox.learn.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.model.ModelSpec;
import java.util.List;

/**
 * λ's unit of cost learned from a route's traffic: what the dearest of its models would charge for
 * the route's mean request so far (catalog prices times the mean prompt and completion tokens
 * measured), as the evaluator scales cost by the dearest model's mean cost per call. A cheap model
 * then costs a share of a point that follows the catalog's price spread, whatever the request
 * sizes. Until a request is measured it is the price of a 1,000-token prompt with a 500-token answer.
 */
public final class ObservedScale {
  private final double[] inputPrice;
  private final double[] outputPrice;
  private double promptTokens;
  private double completionTokens;
  private long requests;
  private volatile double usd;

  private ObservedScale(double[] inputPrice, double[] outputPrice, double promptTokens, double completionTokens,
      long requests) {
    this.inputPrice = inputPrice;
    this.outputPrice = outputPrice;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
    this.requests = requests;
    this.usd = requests == 0 ? dearest(1000, 500) : dearest(promptTokens / requests, completionTokens / requests);
  }

  /** The scale for a route over these models, before any request. */
  public static ObservedScale of(List<ModelSpec> models) {
    double[] in = models.stream().mapToDouble(ModelSpec::inputPricePerMillion).toArray();
    double[] out = models.stream().mapToDouble(ModelSpec::outputPricePerMillion).toArray();
    return new ObservedScale(in, out, 0, 0, 0);
  }

  /** The current scale in USD (lock-free). */
  public double usd() {
    return usd;
  }

  /** Counts one answered request's measured tokens. */
  public synchronized void observe(long prompt, long completion) {
    promptTokens += prompt;
    completionTokens += completion;
    requests++;
    usd = dearest(promptTokens / requests, completionTokens / requests);
  }

  private double dearest(double prompt, double completion) {
    double max = 0;
    for (int m = 0; m < inputPrice.length; m++) {
      max = Math.max(max, (prompt * inputPrice[m] + completion * outputPrice[m]) / 1e6);
    }
    return max > 0 ? max : 1;
  }

  public synchronized ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.set("input_price_per_1m", Json.MAPPER.valueToTree(inputPrice));
    n.set("output_price_per_1m", Json.MAPPER.valueToTree(outputPrice));
    n.put("requests", requests);
    n.put("prompt_tokens", promptTokens);
    n.put("completion_tokens", completionTokens);
    return n;
  }

  public static ObservedScale fromJson(JsonNode n) {
    return new ObservedScale(Json.MAPPER.convertValue(n.get("input_price_per_1m"), double[].class),
        Json.MAPPER.convertValue(n.get("output_price_per_1m"), double[].class), n.path("prompt_tokens").asDouble(),
        n.path("completion_tokens").asDouble(), n.path("requests").asLong());
  }
}
