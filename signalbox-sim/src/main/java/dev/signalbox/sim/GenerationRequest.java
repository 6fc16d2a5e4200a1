package dev.signalbox.sim;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.signal.TokenEstimator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat or text completion request, reduced to what the simulator needs.
 *
 * @param operation chat or completions
 * @param model the model name the caller asked for
 * @param promptText the prompt as one text, the seed of the answer
 * @param promptTokens estimated prompt tokens
 * @param maxTokens the caller's output limit, or -1 when none was given
 * @param stream whether to answer with server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 */
record GenerationRequest(
    Operation operation,
    String model,
    String promptText,
    int promptTokens,
    int maxTokens,
    boolean stream,
    boolean includeUsage) {

  /** Reads a {@code /v1/chat/completions} body whose {@code model} was already checked. */
  static GenerationRequest chat(JsonObject body, String model) {
    JsonArray messagesJson = JsonFields.requiredArray(body, "messages");
    if (messagesJson.isEmpty()) {
      throw ApiError.invalid("messages", "Invalid 'messages': empty array. Expected an array with "
          + "minimum length 1, but got an empty array instead.").asException();
    }
    List<Message> messages = new ArrayList<>(messagesJson.size());
    StringBuilder prompt = new StringBuilder();
    for (int i = 0; i < messagesJson.size(); i++) {
      String param = "messages[" + i + "]";
      if (!(messagesJson.getValue(i) instanceof JsonObject m)) {
        throw JsonFields.wrongType(param, "an object", messagesJson.getValue(i));
      }
      String role = JsonFields.requiredString(m, "role");
      String text = contentText(m.getValue("content"), param + ".content");
      messages.add(new Message(role, text));
      prompt.append(role).append(": ").append(text).append('\n');
    }
    int maxTokens = JsonFields.integer(body, "max_completion_tokens", 1,
        JsonFields.integer(body, "max_tokens", 1, -1));
    return common(Operation.CHAT, body, model, prompt.toString(), TokenEstimator.count(messages), maxTokens);
  }

  /** Reads a {@code /v1/completions} body whose {@code model} was already checked. */
  static GenerationRequest completion(JsonObject body, String model) {
    Object prompt = body.getValue("prompt");
    if (prompt == null) {
      throw ApiError.invalid("prompt", "Missing required parameter: 'prompt'.").asException();
    }
    PromptInput input = PromptInput.single(prompt, "prompt");
    int maxTokens = JsonFields.integer(body, "max_tokens", 1, -1);
    return common(Operation.COMPLETIONS, body, model, input.key(), input.tokens(), maxTokens);
  }

  private static GenerationRequest common(
      Operation op, JsonObject body, String model, String prompt, int promptTokens, int maxTokens) {
    int n = JsonFields.integer(body, "n", 1, 1);
    if (n != 1) {
      throw ApiError.invalid("n", "The simulator answers one choice per request; 'n' must be 1.")
          .asException();
    }
    boolean stream = JsonFields.bool(body, "stream", false);
    JsonObject options = JsonFields.optionalObject(body, "stream_options");
    boolean includeUsage = stream && options != null && JsonFields.bool(options, "include_usage", false);
    return new GenerationRequest(op, model, prompt, promptTokens, maxTokens, stream, includeUsage);
  }

  /** The text of a message's content: a string, null, or an array of parts of which text parts count. */
  private static String contentText(Object content, String param) {
    if (content == null) {
      return "";
    }
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof JsonArray parts) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < parts.size(); i++) {
        if (!(parts.getValue(i) instanceof JsonObject part)) {
          throw JsonFields.wrongType(param + "[" + i + "]", "an object", parts.getValue(i));
        }
        if ("text".equals(part.getValue("type"))) {
          text.append(JsonFields.requiredString(part, "text"));
        }
      }
      return text.toString();
    }
    throw JsonFields.wrongType(param, "a string or an array of content parts", content);
  }
}
