package dev.signalbox.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Writes OpenAI's JSON and SSE wire shapes; the single place that knows their field names. */
final class OpenAiWire {
  /** The SSE event that ends a stream. */
  static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

  /** Chat and text completions share their shape but differ in names. */
  enum Flavor {
    CHAT("chatcmpl-", "chat.completion", "chat.completion.chunk"),
    COMPLETIONS("cmpl-", "text_completion", "text_completion");

    final String idPrefix;
    final String object;
    final String chunkObject;

    Flavor(String idPrefix, String object, String chunkObject) {
      this.idPrefix = idPrefix;
      this.object = object;
      this.chunkObject = chunkObject;
    }
  }

  /** What every response and chunk of one completion repeats. */
  record Header(Flavor flavor, String id, long created, String model) {}

  private OpenAiWire() {}

  /** A whole (non-streamed) chat or text completion. */
  static JsonObject completion(Header h, Answer answer, Usage usage) {
    JsonObject choice = new JsonObject().put("index", 0);
    if (h.flavor() == Flavor.CHAT) {
      JsonObject message = new JsonObject()
          .put("role", "assistant")
          .put("content", answer.callsTools() ? null : answer.text())
          .put("refusal", null)
          .put("annotations", new JsonArray());
      if (answer.callsTools()) {
        JsonArray calls = new JsonArray();
        for (ToolCall c : answer.toolCalls()) {
          calls.add(toolCall(c, answer.text(c.from(), c.to())));
        }
        message.put("tool_calls", calls);
      }
      choice.put("message", message);
    } else {
      choice.put("text", answer.text());
    }
    choice.put("logprobs", logprobs(h.flavor(), answer, 0, answer.size())).put("finish_reason", answer.finishReason());
    return head(h, h.flavor().object)
        .put("choices", new JsonArray().add(choice))
        .put("usage", usage(usage));
  }

  /** The first chunk of a chat stream, which names the role; content is null when tools are called. */
  static JsonObject roleChunk(Header h, boolean callsTools, boolean usageNull) {
    return chunk(h, new JsonObject().put("role", "assistant").put("content", callsTools ? null : ""),
        null, null, null, usageNull);
  }

  /** A chunk carrying the text of an answer's tokens {@code from} to {@code to}. */
  static JsonObject textChunk(Header h, Answer answer, int from, int to, boolean usageNull) {
    String text = answer.text(from, to);
    return chunk(h, new JsonObject().put("content", text), text, logprobs(h.flavor(), answer, from, to), null,
        usageNull);
  }

  /** The chunk that opens the {@code index}-th tool call: its id, type and name, no arguments yet. */
  static JsonObject toolCallStartChunk(Header h, int index, ToolCall call, boolean usageNull) {
    JsonObject delta = toolCall(call, "").put("index", index);
    return chunk(h, new JsonObject().put("tool_calls", new JsonArray().add(delta)), null, null, null, usageNull);
  }

  /** A chunk carrying a fragment of the {@code index}-th tool call's arguments. */
  static JsonObject toolCallArgumentsChunk(Header h, int index, String fragment, boolean usageNull) {
    JsonObject delta = new JsonObject().put("index", index)
        .put("function", new JsonObject().put("arguments", fragment));
    return chunk(h, new JsonObject().put("tool_calls", new JsonArray().add(delta)), null, null, null, usageNull);
  }

  /** The chunk that closes the choice with its finish reason. */
  static JsonObject finishChunk(Header h, String finishReason, boolean usageNull) {
    return chunk(h, new JsonObject(), "", null, finishReason, usageNull);
  }

  /** The last chunk when the caller asked for {@code stream_options.include_usage}. */
  static JsonObject usageChunk(Header h, Usage usage) {
    return head(h, h.flavor().chunkObject).put("choices", new JsonArray()).put("usage", usage(usage));
  }

  private static JsonObject chunk(Header h, JsonObject chatDelta, String text, JsonObject logprobs,
      String finishReason, boolean usageNull) {
    JsonObject choice = new JsonObject().put("index", 0);
    if (h.flavor() == Flavor.CHAT) {
      choice.put("delta", chatDelta);
    } else {
      choice.put("text", text == null ? "" : text);
    }
    choice.put("logprobs", logprobs).put("finish_reason", finishReason);
    JsonObject chunk = head(h, h.flavor().chunkObject).put("choices", new JsonArray().add(choice));
    if (usageNull) {
      chunk.put("usage", null);
    }
    return chunk;
  }

  private static JsonObject toolCall(ToolCall call, String arguments) {
    return new JsonObject()
        .put("id", call.id())
        .put("type", "function")
        .put("function", new JsonObject().put("name", call.name()).put("arguments", arguments));
  }

  /**
   * The log probabilities of tokens {@code from} to {@code to}, or null when none were asked for:
   * chat's {@code content} list (null for tool calls, which have no content), or the completions'
   * parallel lists with offsets into the text.
   */
  private static JsonObject logprobs(Flavor flavor, Answer answer, int from, int to) {
    if (answer.logprobs() == null) {
      return null;
    }
    List<TokenLogprob> entries = answer.logprobs().subList(from, to);
    if (flavor == Flavor.CHAT) {
      JsonArray content = new JsonArray();
      for (TokenLogprob t : entries) {
        JsonArray top = new JsonArray();
        t.top().forEach(a -> top.add(tokenLogprob(a.token(), a.logprob())));
        content.add(tokenLogprob(t.token(), t.logprob()).put("top_logprobs", top));
      }
      return new JsonObject().put("content", answer.callsTools() ? null : content).put("refusal", null);
    }
    JsonArray tokens = new JsonArray();
    JsonArray logprobs = new JsonArray();
    JsonArray top = new JsonArray();
    JsonArray offsets = new JsonArray();
    int offset = answer.offset(from);
    for (TokenLogprob t : entries) {
      tokens.add(t.token());
      logprobs.add(t.logprob());
      JsonObject alternatives = new JsonObject();
      t.top().forEach(a -> alternatives.put(a.token(), a.logprob()));
      top.add(alternatives);
      offsets.add(offset);
      offset += t.token().length();
    }
    return new JsonObject().put("tokens", tokens).put("token_logprobs", logprobs).put("top_logprobs", top)
        .put("text_offset", offsets);
  }

  private static JsonObject tokenLogprob(String token, double logprob) {
    JsonArray bytes = new JsonArray();
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
      bytes.add(b & 0xff);
    }
    return new JsonObject().put("token", token).put("logprob", logprob).put("bytes", bytes);
  }

  /** An embeddings response, vectors as float arrays or as base64 of little-endian float32. */
  static JsonObject embeddings(String model, List<float[]> vectors, boolean base64, int promptTokens) {
    JsonArray data = new JsonArray();
    for (int i = 0; i < vectors.size(); i++) {
      data.add(new JsonObject()
          .put("object", "embedding")
          .put("index", i)
          .put("embedding", base64 ? base64(vectors.get(i)) : floats(vectors.get(i))));
    }
    return new JsonObject()
        .put("object", "list")
        .put("data", data)
        .put("model", model)
        .put("usage", new JsonObject().put("prompt_tokens", promptTokens).put("total_tokens", promptTokens));
  }

  /** The {@code GET /v1/models} list. */
  static JsonObject models(List<String> names, long created) {
    JsonArray data = new JsonArray();
    for (String name : names) {
      data.add(new JsonObject()
          .put("id", name)
          .put("object", "model")
          .put("created", created)
          .put("owned_by", "signalbox-sim"));
    }
    return new JsonObject().put("object", "list").put("data", data);
  }

  /** One server-sent event carrying a JSON object. */
  static Buffer sse(JsonObject event) {
    return Buffer.buffer("data: ").appendBuffer(event.toBuffer()).appendString("\n\n");
  }

  private static JsonObject head(Header h, String object) {
    return new JsonObject()
        .put("id", h.id())
        .put("object", object)
        .put("created", h.created())
        .put("model", h.model());
  }

  private static JsonObject usage(Usage u) {
    return new JsonObject()
        .put("prompt_tokens", u.promptTokens())
        .put("completion_tokens", u.completionTokens())
        .put("total_tokens", u.totalTokens());
  }

  private static JsonArray floats(float[] v) {
    JsonArray a = new JsonArray();
    for (float f : v) {
      a.add(f);
    }
    return a;
  }

  private static String base64(float[] v) {
    ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      bytes.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
