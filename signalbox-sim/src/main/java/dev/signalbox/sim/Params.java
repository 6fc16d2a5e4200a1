package dev.signalbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.OpenAiError;

/** The 400s of request parameters read as JSON trees, worded as OpenAI words them. */
final class Params {
  private Params() {}

  /** Whether a field was given a value (absent and null are the same to OpenAI). */
  static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  static OpenAiError invalidType(String param, String expected, JsonNode got) {
    return OpenAiError.invalid(param, "invalid_type",
        "Invalid type for '" + param + "': expected " + expected + ", but got " + describe(got) + ".");
  }

  static OpenAiError invalidValue(String param, String message) {
    return OpenAiError.invalid(param, "invalid_value", message);
  }

  static OpenAiError missing(String param) {
    return OpenAiError.invalid(param, "missing_required_parameter", "Missing required parameter: '" + param + "'.");
  }

  /** A valid value the simulator does not implement, refused rather than ignored. */
  static OpenAiError unsupported(String param, String message) {
    return OpenAiError.invalid(param, "unsupported_value", message);
  }

  /** A required string field of an object. */
  static String string(JsonNode parent, String field, String param) {
    JsonNode value = parent.get(field);
    if (!present(value)) {
      throw missing(param);
    }
    if (!value.isTextual()) {
      throw invalidType(param, "a string", value);
    }
    return value.textValue();
  }

  /** An optional boolean, {@code fallback} when absent. */
  static boolean bool(JsonNode value, String param, boolean fallback) {
    if (!present(value)) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw invalidType(param, "a boolean", value);
    }
    return value.booleanValue();
  }

  private static String describe(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> n.isIntegralNumber() ? "an integer" : "a decimal number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
