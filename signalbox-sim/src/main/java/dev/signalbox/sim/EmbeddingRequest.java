package dev.signalbox.sim;

import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.request.Message;
import java.util.ArrayList;
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

  static EmbeddingRequest of(OpenAiRequest request) {
    List<PromptInput> inputs = new ArrayList<>(request.messages().size());
    for (Message m : request.messages()) {
      inputs.add(PromptInput.of(m));
    }
    return new EmbeddingRequest(request.model(), inputs, request.dimensions(), request.base64());
  }

  int promptTokens() {
    int total = 0;
    for (PromptInput in : inputs) {
      total += in.tokens();
    }
    return total;
  }
}
