package dev.signalbox.sim;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** An embeddings request: answered once its prefill time has passed. */
final class EmbeddingExchange extends Exchange {
  private final EmbeddingRequest ask;
  private final EmbeddingGenerator embedder;
  private final int dimensions;

  EmbeddingExchange(HttpServerRequest request, EmbeddingRequest ask, EmbeddingGenerator embedder,
      int dimensions, FaultDraw faults, ReplicaCounters counters) {
    super(request, faults, counters);
    this.ask = ask;
    this.embedder = embedder;
    this.dimensions = dimensions;
  }

  ServingEngine.Job job() {
    return new ServingEngine.Job(ask.prefix(), ask.promptTokens(), 0, faults.spikeMs(), false);
  }

  @Override
  public void finished() {
    if (response.closed()) {
      return;
    }
    List<float[]> vectors = new ArrayList<>(ask.inputs().size());
    for (PromptInput input : ask.inputs()) {
      vectors.add(embedder.embed(input.key(), dimensions));
    }
    JsonObject body = OpenAiWire.embeddings(ask.model(), vectors, ask.base64(), ask.promptTokens());
    if (cutPlanned()) {
      counters.cuts.incrementAndGet();
      Responses.truncated(request, body);
    } else {
      response.putHeader("content-type", "application/json");
      end(body.toBuffer());
    }
  }
}
