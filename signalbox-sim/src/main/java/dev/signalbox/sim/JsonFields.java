package dev.signalbox.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed reads of request fields that answer a wrong type with a 400 naming the field. */
final class JsonFields {
  private JsonFields() {}

  /** Parses a request body that must be one JSON object. */
  static JsonObject object(Buffer body) {
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(body);
    } catch (RuntimeException e) {
      throw ApiError.invalid(null, "We could not parse the JSON body of your request. "
          + "(HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API "
          + "expects a JSON payload.)").asException();
    }
    if (!(parsed instanceof JsonObject obj)) {
      throw ApiError.invalid(null, "The request body must be a JSON object.").asException();
    }
    return obj;
  }

  static String requiredString(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      throw ApiError.invalid(key, "Missing required parameter: '" + key + "'.").asException();
    }
    if (!(v instanceof String s)) {
      throw wrongType(key, "a string", v);
    }
    return s;
  }

  static boolean bool(JsonObject o, String key, boolean fallback) {
    Object v = o.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongType(key, "a boolean", v);
    }
    return b;
  }

  /** An integer at least {@code min}, or {@code fallback} when absent or null. */
  static int integer(JsonObject o, String key, int min, int fallback) {
    Object v = o.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw wrongType(key, "an integer", v);
    }
    long value = n.longValue();
    if (value < min) {
      throw ApiError.invalid(key, "Invalid '" + key + "': integer below minimum value. Expected a value >= "
          + min + ", but got " + value + " instead.").asException();
    }
    return (int) Math.min(value, Integer.MAX_VALUE);
  }

  static JsonObject optionalObject(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject obj)) {
      throw wrongType(key, "an object", v);
    }
    return obj;
  }

  static JsonArray requiredArray(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      throw ApiError.invalid(key, "Missing required parameter: '" + key + "'.").asException();
    }
    if (!(v instanceof JsonArray a)) {
      throw wrongType(key, "an array", v);
    }
    return a;
  }

  static ApiError.RejectedRequest wrongType(String key, String expected, Object got) {
    return ApiError.invalid(key, "Invalid type for '" + key + "': expected " + expected + ", but got "
        + describe(got) + " instead.").asException();
  }

  private static String describe(Object v) {
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof JsonArray) {
      return "an array";
    }
    if (v instanceof JsonObject) {
      return "an object";
    }
    return "null";
  }
}
