package dev.signalbox.sim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.signal.TokenEstimator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a chat or text completion asks of its answer beyond its length: tools, a JSON format, stop
 * sequences and log probabilities. The gateway's parser passes these fields through untouched, so
 * the simulator reads them itself.
 *
 * @param tools the tools it may call, or null
 * @param format the content's format
 * @param stop sequences that end the answer before they appear
 * @param topLogprobs alternatives per token with log probabilities, or -1 for no log probabilities
 * @param promptTokens the tokens the tool definitions and the schema add to the prompt
 */
record GenerationOptions(
    ToolUse tools, ResponseFormat format, List<String> stop, int topLogprobs, int promptTokens) {
  static final GenerationOptions NONE = new GenerationOptions(null, ResponseFormat.TEXT, List.of(), -1, 0);

  private static final Set<String> CHAT_FIELDS = Set.of("tools", "tool_choice", "parallel_tool_calls",
      "response_format", "stop", "logprobs", "top_logprobs", "functions", "function_call");
  private static final Set<String> COMPLETION_FIELDS = Set.of("stop", "logprobs");

  boolean logprobs() {
    return topLogprobs >= 0;
  }

  /** The options of a body the gateway's parser has accepted. */
  static GenerationOptions read(Operation operation, byte[] body) {
    boolean chat = operation == Operation.CHAT;
    Map<String, JsonNode> f = fields(body, chat ? CHAT_FIELDS : COMPLETION_FIELDS);
    if (f.isEmpty()) {
      return NONE;
    }
    List<String> stop = stop(f.get("stop"));
    if (!chat) {
      return new GenerationOptions(null, ResponseFormat.TEXT, stop, completionLogprobs(f.get("logprobs")), 0);
    }
    for (String legacy : List.of("functions", "function_call")) {
      if (Params.present(f.get(legacy))) {
        throw Params.unsupported(legacy, "The simulator does not implement the deprecated '" + legacy
            + "' parameter; use 'tools' and 'tool_choice'.");
      }
    }
    ToolUse tools = ToolUse.read(f.get("tools"), f.get("tool_choice"), f.get("parallel_tool_calls"));
    ResponseFormat format = ResponseFormat.read(f.get("response_format"));
    int extra = (tools == null ? 0 : TokenEstimator.count(f.get("tools").toString()))
        + (format.type() == ResponseFormat.Type.JSON_SCHEMA ? TokenEstimator.count(format.schema().toString()) : 0);
    return new GenerationOptions(tools, format, stop, chatLogprobs(f.get("logprobs"), f.get("top_logprobs")), extra);
  }

  /** The top-level fields of {@code body} named in {@code wanted}, as trees; the rest are skipped. */
  private static Map<String, JsonNode> fields(byte[] body, Set<String> wanted) {
    Map<String, JsonNode> out = new HashMap<>();
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (wanted.contains(name)) {
          out.put(name, p.readValueAsTree());
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a body the request parser accepted could not be read again", e);
    }
    return out;
  }

  private static List<String> stop(JsonNode stop) {
    if (!Params.present(stop)) {
      return List.of();
    }
    if (stop.isTextual()) {
      return stop.textValue().isEmpty() ? List.of() : List.of(stop.textValue());
    }
    if (!stop.isArray()) {
      throw Params.invalidType("stop", "a string or an array of strings", stop);
    }
    if (stop.size() > 4) {
      throw Params.invalidValue("stop", "Invalid 'stop': array too long. Expected an array with maximum length 4, "
          + "but got an array with length " + stop.size() + " instead.");
    }
    List<String> out = new ArrayList<>(stop.size());
    for (int i = 0; i < stop.size(); i++) {
      JsonNode s = stop.get(i);
      if (!s.isTextual()) {
        throw Params.invalidType("stop[" + i + "]", "a string", s);
      }
      if (!s.textValue().isEmpty()) {
        out.add(s.textValue());
      }
    }
    return List.copyOf(out);
  }

  private static int chatLogprobs(JsonNode logprobs, JsonNode top) {
    boolean on = Params.bool(logprobs, "logprobs", false);
    if (!Params.present(top)) {
      return on ? 0 : -1;
    }
    int n = integer(top, "top_logprobs", 20);
    if (!on) {
      throw Params.invalidValue("top_logprobs", "Invalid value for 'top_logprobs': 'logprobs' must be set to "
          + "true when 'top_logprobs' is given.");
    }
    return n;
  }

  /** Completions take {@code logprobs} as the number of alternatives, 0 to 5. */
  private static int completionLogprobs(JsonNode logprobs) {
    return Params.present(logprobs) ? integer(logprobs, "logprobs", 5) : -1;
  }

  private static int integer(JsonNode value, String param, int max) {
    if (!value.isIntegralNumber()) {
      throw Params.invalidType(param, "an integer", value);
    }
    if (!value.canConvertToInt() || value.intValue() < 0 || value.intValue() > max) {
      throw Params.invalidValue(param, "Invalid '" + param + "': expected an integer between 0 and " + max
          + ", but got " + value + ".");
    }
    return value.intValue();
  }
}
