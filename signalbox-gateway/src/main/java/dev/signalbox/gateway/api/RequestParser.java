package dev.signalbox.gateway.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
public final class RequestParser {
  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");

  private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

  private RequestParser() {}

  /** Parses a body for an operation, or throws an {@link ApiException} saying what is wrong. */
  public static ParsedRequest parse(Operation operation, byte[] body) {
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      return new Reader(operation, body, p).read();
    } catch (JsonProcessingException e) {
      String detail = SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
      throw ApiException.invalid(null, "invalid_json", "The request body is not valid JSON: " + detail);
    } catch (IOException e) {
      throw ApiException.invalid(null, "invalid_json", "The request body could not be read: " + e.getMessage());
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
    private List<Message> messages;

    Reader(Operation operation, byte[] body, JsonParser p) {
      this.operation = operation;
      this.body = body;
      this.p = p;
    }

    ParsedRequest read() throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.invalid(null, "invalid_json", "The request body must be a JSON object.");
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
          case "max_completion_tokens":
            readMaxTokens(field, value);
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
        throw ApiException.invalid(null, "invalid_json", "Unexpected data after the JSON object.");
      }
      if (model == null) {
        throw ApiException.invalid("model", "missing_required_parameter",
            "You must provide a model parameter (a model name, a route name or \"auto\").");
      }
      if (messages == null) {
        String param = operation == Operation.CHAT ? "messages" : operation == Operation.COMPLETIONS ? "prompt" : "input";
        throw ApiException.invalid(param, "missing_required_parameter", "Missing required parameter: '" + param + "'.");
      }
      if (stream && operation == Operation.EMBEDDINGS) {
        throw ApiException.invalid("stream", "invalid_value", "Embeddings cannot be streamed.");
      }
      return new ParsedRequest(operation, body, model, modelStart, modelEnd, stream, includeUsage, maxTokens, messages);
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

    private void readMaxTokens(String field, JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_NULL) {
        return;
      }
      expect(value == JsonToken.VALUE_NUMBER_INT, field, "an integer");
      long n = p.getLongValue();
      if (n < 1 || n > Integer.MAX_VALUE) {
        throw ApiException.invalid(field, "invalid_value", "'" + field + "' must be a positive integer, got " + n + ".");
      }
      maxTokens = (int) n;
    }

    private List<Message> readMessages(JsonToken value) throws IOException {
      expect(value == JsonToken.START_ARRAY, "messages", "an array of message objects");
      List<Message> out = new ArrayList<>();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String at = "messages[" + i + "]";
        expect(p.currentToken() == JsonToken.START_OBJECT, at, "a message object");
        String role = null;
        StringBuilder text = new StringBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken v = p.nextToken();
          if (field.equals("role")) {
            expect(v == JsonToken.VALUE_STRING, at + ".role", "a string");
            role = p.getText();
            if (!ROLES.contains(role)) {
              throw ApiException.invalid(at + ".role", "invalid_value",
                  "Invalid value for '" + at + ".role': '" + role + "'. Supported values are: "
                      + "'system', 'developer', 'user', 'assistant', 'tool' and 'function'.");
            }
          } else if (field.equals("content")) {
            readContent(at + ".content", v, text);
          } else {
            p.skipChildren();
          }
        }
        if (role == null) {
          throw ApiException.invalid(at + ".role", "missing_required_parameter", "Missing required parameter: '" + at + ".role'.");
        }
        out.add(new Message(role, text.toString()));
        i++;
      }
      if (out.isEmpty()) {
        throw ApiException.invalid("messages", "invalid_value", "'messages' must contain at least one message.");
      }
      return out;
    }

    /** Content is a string, null, or an array of parts of which the text parts count. */
    private void readContent(String at, JsonToken v, StringBuilder text) throws IOException {
      if (v == JsonToken.VALUE_STRING) {
        text.append(p.getText());
      } else if (v == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          expect(p.currentToken() == JsonToken.START_OBJECT, at, "a string or an array of content parts");
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
      } else {
        expect(v == JsonToken.VALUE_NULL, at, "a string or an array of content parts");
      }
    }

    /** A prompt or input: a string, an array of strings, or token ids (arrays of integers). */
    private List<Message> readInputs(String param, JsonToken value) throws IOException {
      List<Message> out = new ArrayList<>();
      if (value == JsonToken.VALUE_STRING) {
        out.add(Message.user(p.getText()));
        return out;
      }
      expect(value == JsonToken.START_ARRAY, param, "a string, an array of strings or an array of token ids");
      int tokens = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
          out.add(Message.user(p.getText()));
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          tokens++;
        } else if (t == JsonToken.START_ARRAY) {
          int n = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken() == JsonToken.VALUE_NUMBER_INT, param, "arrays of integer token ids");
            n++;
          }
          out.add(Message.user(placeholder(n)));
        } else {
          expect(false, param, "a string, an array of strings or an array of token ids");
        }
      }
      if (tokens > 0) {
        out.add(Message.user(placeholder(tokens)));
      }
      if (out.isEmpty()) {
        throw ApiException.invalid(param, "invalid_value", "'" + param + "' must not be empty.");
      }
      return out;
    }

    /** Token ids carry no text; a run of one-token words stands in for them in signals. */
    private static String placeholder(int tokens) {
      return "t ".repeat(tokens);
    }

    private void expect(boolean ok, String param, String what) throws IOException {
      if (!ok) {
        JsonToken t = p.currentToken();
        String got = t == null ? "nothing" : describe(t);
        throw ApiException.invalid(param, "invalid_type",
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
