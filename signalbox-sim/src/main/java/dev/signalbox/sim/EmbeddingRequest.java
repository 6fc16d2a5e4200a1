package dev.signalbox.sim;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An embeddings request.
 *
 * @param model the model name the caller asked for
 * @param inputs one entry per vector to return
 * @param dimensions the requested vector length, or -1 for the replica's full length
 * @param base64 whether vectors are returned as base64 of little-endian float32
 */
record EmbeddingRequest(String model, List<PromptInput> inputs, int dimensions, boolean base64) {

  /** Reads a {@code /v1/embeddings} body whose {@code model} was already checked. */
  static EmbeddingRequest parse(JsonObject body, String model) {
    Object input = body.getValue("input");
    if (input == null) {
      throw ApiError.invalid("input", "Missing required parameter: 'input'.").asException();
    }
    List<PromptInput> inputs = PromptInput.list(input, "input");
    int dimensions = JsonFields.integer(body, "dimensions", 1, -1);
    Object format = body.getValue("encoding_format");
    boolean base64;
    if (format == null || "float".equals(format)) {
      base64 = false;
    } else if ("base64".equals(format)) {
      base64 = true;
    } else {
      throw ApiError.invalid("encoding_format", "Invalid 'encoding_format': expected 'float' or 'base64'.")
          .asException();
    }
    return new EmbeddingRequest(model, inputs, dimensions, base64);
  }

  int promptTokens() {
    int total = 0;
    for (PromptInput in : inputs) {
      total += in.tokens();
    }
    return total;
  }
}
