package dev.signalbox.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/** A chat or text completion: one JSON body at the end, or SSE chunks as tokens are ready. */
final class GenerationExchange extends Exchange {
  private final GenerationRequest ask;
  private final Answer answer;
  private final OpenAiWire.Header header;
  private final int cutAt;
  private int sent;

  GenerationExchange(HttpServerRequest request, GenerationRequest ask, Answer answer,
      OpenAiWire.Header header, FaultDraw faults, ReplicaCounters counters) {
    super(request, faults, counters);
    this.ask = ask;
    this.answer = answer;
    this.header = header;
    this.cutAt = Math.max(1, answer.size() / 2);
  }

  ServingEngine.Job job() {
    return new ServingEngine.Job(
        ask.prefix(), ask.promptTokens(), answer.size(), faults.spikeMs(), ask.stream());
  }

  @Override
  public void tokensReady(int produced) {
    if (response.closed()) {
      return;
    }
    boolean usageNull = ask.includeUsage();
    Buffer out = Buffer.buffer();
    if (sent == 0) {
      response.setStatusCode(200)
          .putHeader("content-type", "text/event-stream")
          .putHeader("cache-control", "no-cache")
          .setChunked(true);
      if (header.flavor() == OpenAiWire.Flavor.CHAT) {
        out.appendBuffer(OpenAiWire.sse(OpenAiWire.roleChunk(header, usageNull)));
      }
    }
    int upTo = cutPlanned() ? Math.min(produced, cutAt) : produced;
    if (upTo > sent) {
      out.appendBuffer(OpenAiWire.sse(OpenAiWire.textChunk(header, answer.text(sent, upTo), usageNull)));
      sent = upTo;
    }
    response.write(out);
    if (cutPlanned() && sent >= cutAt) {
      cut();
    }
  }

  @Override
  public void finished() {
    if (response.closed()) {
      return;
    }
    Usage usage = new Usage(ask.promptTokens(), answer.size());
    if (!ask.stream()) {
      JsonObject body = OpenAiWire.completion(header, answer.text(), answer.finishReason(), usage);
      if (cutPlanned()) {
        counters.cuts.incrementAndGet();
        Responses.truncated(request, body);
      } else {
        response.putHeader("content-type", "application/json");
        end(body.toBuffer());
      }
      return;
    }
    Buffer out = OpenAiWire.sse(OpenAiWire.finishChunk(header, answer.finishReason(), ask.includeUsage()));
    if (ask.includeUsage()) {
      out.appendBuffer(OpenAiWire.sse(OpenAiWire.usageChunk(header, usage)));
    }
    end(out.appendBuffer(OpenAiWire.DONE));
  }
}
