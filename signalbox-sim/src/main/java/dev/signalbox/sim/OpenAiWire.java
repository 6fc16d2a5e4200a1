package dev.signalbox.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
  static JsonObject completion(Header h, String text, String finishReason, Usage usage) {
    JsonObject choice = new JsonObject().put("index", 0);
    if (h.flavor() == Flavor.CHAT) {
      choice.put("message", new JsonObject()
          .put("role", "assistant")
          .put("content", text)
          .put("refusal", null)
          .put("annotations", new JsonArray()));
    } else {
      choice.put("text", text);
    }
    choice.put("logprobs", null).put("finish_reason", finishReason);
    return head(h, h.flavor().object)
        .put("choices", new JsonArray().add(choice))
        .put("usage", usage(usage));
  }

  /** The first chunk of a chat stream, which names the role. */
  static JsonObject roleChunk(Header h, boolean usageNull) {
    return chunk(h, new JsonObject().put("role", "assistant").put("content", ""), null, null, usageNull);
  }

  /** A chunk carrying new text. */
  static JsonObject textChunk(Header h, String text, boolean usageNull) {
    return chunk(h, new JsonObject().put("content", text), text, null, usageNull);
  }

  /** The chunk that closes the choice with its finish reason. */
  static JsonObject finishChunk(Header h, String finishReason, boolean usageNull) {
    return chunk(h, new JsonObject(), "", finishReason, usageNull);
  }

  /** The last chunk when the caller asked for {@code stream_options.include_usage}. */
  static JsonObject usageChunk(Header h, Usage usage) {
    return head(h, h.flavor().chunkObject).put("choices", new JsonArray()).put("usage", usage(usage));
  }

  private static JsonObject chunk(
      Header h, JsonObject chatDelta, String text, String finishReason, boolean usageNull) {
    JsonObject choice = new JsonObject().put("index", 0);
    if (h.flavor() == Flavor.CHAT) {
      choice.put("delta", chatDelta);
    } else {
      choice.put("text", text == null ? "" : text);
    }
    choice.put("logprobs", null).put("finish_reason", finishReason);
    JsonObject chunk = head(h, h.flavor().chunkObject).put("choices", new JsonArray().add(choice));
    if (usageNull) {
      chunk.put("usage", null);
    }
    return chunk;
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
