package dev.signalbox.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A chat or text completion: one JSON body at the end, or SSE chunks as tokens are ready. */
final class GenerationExchange extends Exchange {
  private final GenerationRequest ask;
  private final Answer answer;
  private final OpenAiWire.Header header;
  private final int cutAt;
  private boolean begun;
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
    Buffer out = Buffer.buffer();
    begin(out);
    int upTo = cutPlanned() ? Math.min(produced, cutAt) : produced;
    if (upTo > sent) {
      appendTokens(out, sent, upTo);
      sent = upTo;
    }
    response.write(out);
    if (cutPlanned() && sent >= cutAt) {
      cut();
    }
  }

  /** Starts the event stream once: headers, and for chat the chunk that names the role. */
  private void begin(Buffer out) {
    if (begun) {
      return;
    }
    begun = true;
    response.setStatusCode(200)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache")
        .setChunked(true);
    if (header.flavor() == OpenAiWire.Flavor.CHAT) {
      out.appendBuffer(OpenAiWire.sse(OpenAiWire.roleChunk(header, answer.callsTools(), ask.includeUsage())));
    }
  }

  /** Tokens {@code from} to {@code to} as chunks: content, or each tool call's opening and arguments. */
  private void appendTokens(Buffer out, int from, int to) {
    boolean usageNull = ask.includeUsage();
    if (!answer.callsTools()) {
      out.appendBuffer(OpenAiWire.sse(OpenAiWire.textChunk(header, answer, from, to, usageNull)));
      return;
    }
    List<ToolCall> calls = answer.toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      int start = Math.max(from, call.from());
      int end = Math.min(to, call.to());
      if (start >= end) {
        continue;
      }
      if (start == call.from()) {
        out.appendBuffer(OpenAiWire.sse(OpenAiWire.toolCallStartChunk(header, i, call, usageNull)));
      }
      out.appendBuffer(OpenAiWire.sse(
          OpenAiWire.toolCallArgumentsChunk(header, i, answer.text(start, end), usageNull)));
    }
  }

  @Override
  public void finished() {
    if (response.closed()) {
      return;
    }
    Usage usage = new Usage(ask.promptTokens(), answer.size());
    if (!ask.stream()) {
      JsonObject body = OpenAiWire.completion(header, answer, usage);
      if (cutPlanned()) {
        counters.cuts.incrementAndGet();
        Responses.truncated(request, body);
      } else {
        response.putHeader("content-type", "application/json");
        end(body.toBuffer());
      }
      return;
    }
    Buffer out = Buffer.buffer();
    begin(out); // an answer of no tokens (a stop sequence at its start) had no chunk before
    out.appendBuffer(OpenAiWire.sse(OpenAiWire.finishChunk(header, answer.finishReason(), ask.includeUsage())));
    if (ask.includeUsage()) {
      out.appendBuffer(OpenAiWire.sse(OpenAiWire.usageChunk(header, usage)));
    }
    end(out.appendBuffer(OpenAiWire.DONE));
  }
}
