package dev.signalbox.gateway.api;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the gateway needs to know of a request body, read in one pass without building a tree:
 * the model, streaming flags, output limit and the text of the conversation, plus where the
 * model's value sits in the bytes so that it can be swapped without re-serialising the body.
 */
public record ParsedRequest(
    Operation operation,
    byte[] body,
    String model,
    int modelStart,
    int modelEnd,
    boolean stream,
    boolean includeUsage,
    int maxTokens,
    List<Message> messages) {

  /** The body to send upstream: unchanged, or with the model's value replaced. */
  public byte[] bodyFor(String upstreamModel) {
    if (upstreamModel.equals(model)) {
      return body;
    }
    byte[] value = Json.quote(upstreamModel).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[body.length - (modelEnd - modelStart) + value.length];
    System.arraycopy(body, 0, out, 0, modelStart);
    System.arraycopy(value, 0, out, modelStart, value.length);
    System.arraycopy(body, modelEnd, out, modelStart + value.length, body.length - modelEnd);
    return out;
  }
}
