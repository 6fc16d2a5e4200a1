package dev.signalbox.core.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an OpenAI request body in one streaming pass: validates the fields the gateway relies on
 * (their presence and types, as OpenAI does) and skips everything else untouched, so unknown and
 * newer fields pass through to the model server.
 */
public final class OpenAiRequestParser {
  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");

  private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

  private OpenAiRequestParser() {}

  /**
   * Strict about what two parsers could read differently: a key given twice (routing would decide
   * on one "model" while the upstream reads the other) and malformed UTF-8.
   */
  private static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Parses a body for an operation, or throws an {@link OpenAiError} saying what is wrong. */
  public static OpenAiRequest parse(Operation operation, byte[] body) {
    int bad = Utf8.firstInvalid(body);
    if (bad >= 0) {
      throw OpenAiError.invalid(null, "invalid_json",
          "The request body is not valid UTF-8 (at byte " + bad + ": an invalid, overlong or surrogate sequence).");
    }
    try (JsonParser p = STRICT.createParser(body)) {
      return new Reader(operation, body, p).read();
    } catch (JsonProcessingException e) {
      String detail = SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
      throw OpenAiError.invalid(null, "invalid_json", "We could not parse the JSON body of your request: " + detail);
    } catch (IOException e) {
      throw OpenAiError.invalid(null, "invalid_json", "The request body could not be read: " + e.getMessage());
    }
  }

  private static final class Reader {
    private final Operation operation;
    private final byte[] body;
    private final JsonParser p;
    private String model;
    private int modelStart;
    private int modelEnd;
    private boolean stream;
    private boolean includeUsage;
    private int maxTokens = -1;
    private int maxCompletionTokens = -1;
    private int n = 1;
    private int dimensions = -1;
    private boolean base64;
    private List<Message> messages;

    Reader(Operation operation, byte[] body, JsonParser p) {
      this.operation = operation;
      this.body = body;
      this.p = p;
    }

    OpenAiRequest read() throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw OpenAiError.invalid(null, "invalid_json", "The request body must be a JSON object.");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "model":
            expect(value == JsonToken.VALUE_STRING, "model", "a string");
            modelStart = (int) p.currentTokenLocation().getByteOffset();
            model = p.getText();
            modelEnd = (int) p.currentLocation().getByteOffset();
            break;
          case "stream":
            expect(value.isBoolean() || value == JsonToken.VALUE_NULL, "stream", "a boolean");
            stream = value == JsonToken.VALUE_TRUE;
            break;
          case "stream_options":
            readStreamOptions(value);
            break;
          case "max_tokens":
            maxTokens = positiveInt(field, value, maxTokens);
            break;
          case "max_completion_tokens":
            maxCompletionTokens = positiveInt(field, value, maxCompletionTokens);
            break;
          case "n":
            n = positiveInt(field, value, n);
            break;
          case "dimensions":
            dimensions = positiveInt(field, value, dimensions);
            break;
          case "encoding_format":
            readEncodingFormat(value);
            break;
          case "messages":
            if (operation == Operation.CHAT) {
              messages = readMessages(value);
            } else {
              p.skipChildren();
            }
            break;
          case "prompt":
            if (operation == Operation.COMPLETIONS) {
              messages = readInputs("prompt", value);
            } else {
              p.skipChildren();
            }
            break;
          case "input":
            if (operation == Operation.EMBEDDINGS) {
              messages = readInputs("input", value);
            } else {
              p.skipChildren();
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw OpenAiError.invalid(null, "invalid_json", "Unexpected data after the JSON object.");
      }
      if (model == null) {
        throw OpenAiError.invalid("model", "missing_required_parameter",
            "You must provide a model parameter (a model name, a route name or \"auto\").");
      }
      if (messages == null) {
        String param = operation == Operation.CHAT ? "messages" : operation == Operation.COMPLETIONS ? "prompt" : "input";
        throw OpenAiError.invalid(param, "missing_required_parameter", "Missing required parameter: '" + param + "'.");
      }
      if (stream && operation == Operation.EMBEDDINGS) {
        throw OpenAiError.invalid("stream", "invalid_value", "Embeddings cannot be streamed.");
      }
      return new OpenAiRequest(operation, body, model, modelStart, modelEnd, stream, includeUsage,
          maxCompletionTokens >= 0 ? maxCompletionTokens : maxTokens, n, dimensions, base64, messages);
    }

    private void readStreamOptions(JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_NULL) {
        return;
      }
      expect(value == JsonToken.START_OBJECT, "stream_options", "an object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("include_usage")) {
          expect(v.isBoolean(), "stream_options.include_usage", "a boolean");
          includeUsage = v == JsonToken.VALUE_TRUE;
        } else {
          p.skipChildren();
        }
      }
    }

    /** A positive integer, or {@code fallback} for null. */
    private int positiveInt(String field, JsonToken value, int fallback) throws IOException {
      if (value == JsonToken.VALUE_NULL) {
        return fallback;
      }
      expect(value == JsonToken.VALUE_NUMBER_INT, field, "an integer");
      long v = p.getLongValue();
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw OpenAiError.invalid(field, "invalid_value", "'" + field + "' must be a positive integer, got " + v + ".");
      }
      return (int) v;
    }

    private void readEncodingFormat(JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_NULL) {
        return;
      }
      expect(value == JsonToken.VALUE_STRING, "encoding_format", "a string");
      String format = p.getText();
      if (!format.equals("float") && !format.equals("base64")) {
        throw OpenAiError.invalid("encoding_format", "invalid_value",
            "Invalid 'encoding_format': expected 'float' or 'base64', got '" + format + "'.");
      }
      base64 = format.equals("base64");
    }

    private List<Message> readMessages(JsonToken value) throws IOException {
      expect(value == JsonToken.START_ARRAY, "messages", "an array of message objects");
      List<Message> out = new ArrayList<>();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          expect(false, at(i), "a message object");
        }
        String role = null;
        String content = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken v = p.nextToken();
          if (field.equals("role")) {
            if (v != JsonToken.VALUE_STRING) {
              expect(false, at(i) + ".role", "a string");
            }
            role = p.getText();
            if (!ROLES.contains(role)) {
              throw OpenAiError.invalid(at(i) + ".role", "invalid_value",
                  "Invalid value for '" + at(i) + ".role': '" + role + "'. Supported values are: "
                      + "'system', 'developer', 'user', 'assistant', 'tool' and 'function'.");
            }
          } else if (field.equals("content")) {
            content = readContent(i, v);
          } else {
            p.skipChildren();
          }
        }
        if (role == null) {
          throw OpenAiError.invalid(at(i) + ".role", "missing_required_parameter",
              "Missing required parameter: '" + at(i) + ".role'.");
        }
        out.add(new Message(role, content));
        i++;
      }
      if (out.isEmpty()) {
        throw OpenAiError.invalid("messages", "invalid_value", "'messages' must contain at least one message.");
      }
      return out;
    }

    /** The parameter name of the i-th message, made only for an error. */
    private static String at(int i) {
      return "messages[" + i + "]";
    }

    /**
     * Content is a string (taken as it is), null, or an array of parts of which the text parts
     * count (joined by newlines).
     */
    private String readContent(int message, JsonToken v) throws IOException {
      if (v == JsonToken.VALUE_STRING) {
        return p.getText();
      }
      if (v != JsonToken.START_ARRAY) {
        expect(v == JsonToken.VALUE_NULL, at(message) + ".content", "a string or an array of content parts");
        return "";
      }
      StringBuilder text = new StringBuilder();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          expect(false, at(message) + ".content", "a string or an array of content parts");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken pv = p.nextToken();
          if (field.equals("text") && pv == JsonToken.VALUE_STRING) {
            if (text.length() > 0) {
              text.append('\n');
            }
            text.append(p.getText());
          } else {
            p.skipChildren();
          }
        }
      }
      return text.toString();
    }

    /**
     * A prompt or input: a string, an array of strings, an array of token ids, or an array of
     * arrays of token ids. Token ids become a message of the ids with their exact count.
     */
    private List<Message> readInputs(String param, JsonToken value) throws IOException {
      List<Message> out = new ArrayList<>();
      if (value == JsonToken.VALUE_STRING) {
        out.add(Message.user(p.getText()));
        return out;
      }
      expect(value == JsonToken.START_ARRAY, param, "a string, an array of strings or an array of token ids");
      StringBuilder ids = new StringBuilder();
      int count = 0;
      int i = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
        String at = param + "[" + i + "]";
        if (t == JsonToken.VALUE_STRING && count == 0) {
          out.add(Message.user(p.getText()));
        } else if (t == JsonToken.VALUE_NUMBER_INT && out.isEmpty()) {
          appendId(ids, at);
          count++;
        } else if (t == JsonToken.START_ARRAY && count == 0) {
          StringBuilder inner = new StringBuilder();
          int n = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken() == JsonToken.VALUE_NUMBER_INT, at + "[" + n + "]", "an integer token id");
            appendId(inner, at + "[" + n + "]");
            n++;
          }
          if (n == 0) {
            throw OpenAiError.invalid(at, "invalid_value", "'" + at + "' must not be empty.");
          }
          out.add(new Message("user", inner.toString(), n));
        } else {
          expect(false, at, "strings, token ids or arrays of token ids, not a mix");
        }
      }
      if (count > 0) {
        out.add(new Message("user", ids.toString(), count));
      }
      if (out.isEmpty()) {
        throw OpenAiError.invalid(param, "invalid_value", "'" + param + "' must not be empty.");
      }
      return out;
    }

    private void appendId(StringBuilder ids, String at) throws IOException {
      long id = p.getLongValue();
      if (id < 0) {
        throw OpenAiError.invalid(at, "invalid_value", "Token ids must not be negative, got " + id + ".");
      }
      if (ids.length() > 0) {
        ids.append(' ');
      }
      ids.append(id);
    }

    private void expect(boolean ok, String param, String what) throws IOException {
      if (!ok) {
        JsonToken t = p.currentToken();
        String got = t == null ? "nothing" : describe(t);
        throw OpenAiError.invalid(param, "invalid_type",
            "Invalid type for '" + param + "': expected " + what + ", but got " + got + ".");
      }
    }

    private static String describe(JsonToken t) {
      switch (t) {
        case VALUE_STRING:
          return "a string";
        case VALUE_NUMBER_INT:
          return "an integer";
        case VALUE_NUMBER_FLOAT:
          return "a decimal number";
        case VALUE_TRUE:
        case VALUE_FALSE:
          return "a boolean";
        case VALUE_NULL:
          return "null";
        case START_ARRAY:
          return "an array";
        case START_OBJECT:
          return "an object";
        default:
          return t.name().toLowerCase();
      }
    }
  }
}
