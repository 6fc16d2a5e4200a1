package dev.signalbox.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.signalbox.core.api.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates JSON against JSON Schemas with a real validator (draft 2020-12, formats asserted). */
final class Schemas {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_2020_12,
      b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private static final Map<JsonNode, Schema> COMPILED = new ConcurrentHashMap<>();

  private Schemas() {}

  static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  /** What is wrong with {@code value} by {@code schema}; empty when it is valid. */
  static List<String> violations(JsonNode schema, JsonNode value) {
    return COMPILED.computeIfAbsent(schema, REGISTRY::getSchema).validate(value).stream()
        .map(Error::getMessage).toList();
  }

  static List<String> violations(String schema, String value) {
    return violations(parse(schema), parse(value));
  }
}
