package dev.signalbox.core.api;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What Signalbox needs to know of an OpenAI request body, read in one pass without building a
 * tree: the model, streaming flags, limits and the text of the conversation, plus where the
 * model's value sits in the bytes so that it can be swapped without re-serialising the body.
 *
 * @param operation chat, completions or embeddings
 * @param body the body as received
 * @param model the requested model, route or {@code auto}
 * @param modelStart offset of the model's JSON string (its opening quote) in {@code body}
 * @param modelEnd offset just past its closing quote
 * @param stream whether a stream of server-sent events was asked for
 * @param includeUsage whether a stream should end with a usage chunk
 * @param maxTokens {@code max_completion_tokens} or {@code max_tokens}, or -1 when absent
 * @param n how many choices were asked for (1 when absent)
 * @param dimensions the embedding length asked for, or -1 when absent
 * @param base64 whether embeddings were asked for as base64 ({@code encoding_format})
 * @param messages chat messages; for completions and embeddings, each prompt or input as a user
 *     message (token-id inputs as their ids, with an exact token count)
 */
public record OpenAiRequest(
    Operation operation,
    byte[] body,
    String model,
    int modelStart,
    int modelEnd,
    boolean stream,
    boolean includeUsage,
    int maxTokens,
    int n,
    int dimensions,
    boolean base64,
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
