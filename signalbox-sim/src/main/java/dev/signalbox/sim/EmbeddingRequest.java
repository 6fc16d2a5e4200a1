package dev.signalbox.sim;

import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.PrefixBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An embeddings request.
 *
 * @param model the model name the caller asked for
 * @param inputs one entry per vector to return
 * @param dimensions the requested vector length, or -1 for the replica's full length
 * @param base64 whether vectors are returned as base64 of little-endian float32
 * @param prefix the inputs as hashed blocks, for engines with a prefix cache
 */
record EmbeddingRequest(String model, List<PromptInput> inputs, int dimensions, boolean base64,
    Supplier<PrefixBlocks> prefix) {

  static EmbeddingRequest of(OpenAiRequest request) {
    List<PromptInput> inputs = new ArrayList<>(request.messages().size());
    for (Message m : request.messages()) {
      inputs.add(PromptInput.of(m));
    }
    return new EmbeddingRequest(request.model(), inputs, request.dimensions(), request.base64(),
        PrefixBlocks.lazy(request.messages()));
  }

  int promptTokens() {
    int total = 0;
    for (PromptInput in : inputs) {
      total += in.tokens();
    }
    return total;
  }
}
