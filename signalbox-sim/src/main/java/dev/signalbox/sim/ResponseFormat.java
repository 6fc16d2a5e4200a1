package dev.signalbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.regex.Pattern;

/**
 * A chat request's {@code response_format}: prose, any JSON object, or JSON that a schema allows.
 *
 * @param type text, json_object or json_schema
 * @param schema the JSON Schema the content must satisfy; for json_object, any object
 */
record ResponseFormat(Type type, JsonNode schema) {
  static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null);
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final JsonNode ANY_OBJECT = JsonNodeFactory.instance.objectNode().put("type", "object");

  enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

  boolean json() {
    return type != Type.TEXT;
  }

  static ResponseFormat read(JsonNode format) {
    if (!Params.present(format)) {
      return TEXT;
    }
    if (!format.isObject()) {
      throw Params.invalidType("response_format", "an object", format);
    }
    String type = Params.string(format, "type", "response_format.type");
    switch (type) {
      case "text":
        return TEXT;
      case "json_object":
        return new ResponseFormat(Type.JSON_OBJECT, ANY_OBJECT);
      case "json_schema":
        return new ResponseFormat(Type.JSON_SCHEMA, schema(format.get("json_schema")));
      default:
        throw Params.invalidValue("response_format.type", "Invalid value for 'response_format.type': '" + type
            + "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
    }
  }

  private static JsonNode schema(JsonNode spec) {
    String param = "response_format.json_schema";
    if (!Params.present(spec)) {
      throw Params.missing(param);
    }
    if (!spec.isObject()) {
      throw Params.invalidType(param, "an object", spec);
    }
    String name = Params.string(spec, "name", param + ".name");
    if (!NAME.matcher(name).matches()) {
      throw Params.invalidValue(param + ".name", "Invalid '" + param + ".name': string does not match pattern. "
          + "Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.");
    }
    Params.bool(spec.get("strict"), param + ".strict", false);
    JsonNode schema = spec.get("schema");
    if (!Params.present(schema)) {
      return ANY_OBJECT;
    }
    if (!schema.isObject()) {
      throw Params.invalidType(param + ".schema", "an object", schema);
    }
    return schema;
  }
}
