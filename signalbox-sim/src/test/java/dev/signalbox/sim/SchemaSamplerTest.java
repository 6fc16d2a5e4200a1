package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SchemaSamplerTest {

  @ParameterizedTest
  @ValueSource(strings = {
      // the scalar types and their bounds
      "{\"type\": \"string\", \"minLength\": 30, \"maxLength\": 40}",
      "{\"type\": \"integer\", \"minimum\": -7, \"exclusiveMaximum\": -3}",
      "{\"type\": \"integer\", \"minimum\": 10, \"maximum\": 1000, \"multipleOf\": 25}",
      "{\"type\": \"number\", \"exclusiveMinimum\": 0, \"maximum\": 0.05}",
      "{\"type\": \"number\", \"minimum\": 1.5, \"maximum\": 9, \"multipleOf\": 0.25}",
      "{\"type\": \"number\"}",
      "{\"type\": \"boolean\"}",
      "{\"type\": \"null\"}",
      "{\"type\": [\"string\", \"null\"]}",
      "{\"enum\": [\"red\", 3, null, {\"a\": 1}]}",
      "{\"const\": {\"fixed\": [1, 2]}}",
      "{\"type\": \"string\", \"format\": \"date-time\"}",
      "{\"type\": \"string\", \"format\": \"date\"}",
      "{\"type\": \"string\", \"format\": \"email\"}",
      "{\"type\": \"string\", \"format\": \"uri\"}",
      "{\"type\": \"string\", \"format\": \"uuid\"}",
      "{\"type\": \"string\", \"format\": \"ipv4\"}",
      "{\"type\": \"string\", \"format\": \"ipv6\"}",
      "{\"type\": \"string\", \"format\": \"hostname\"}",
      "{\"type\": \"string\", \"format\": \"duration\"}",
      // objects: required, optional, closed, sized
      "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"integer\"}},"
          + " \"required\": [\"a\"], \"additionalProperties\": false}",
      "{\"type\": \"object\", \"properties\": {}, \"additionalProperties\": false}",
      "{\"type\": \"object\", \"minProperties\": 3, \"maxProperties\": 4}",
      "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 2}}",
      "{\"required\": [\"id\"], \"properties\": {\"id\": {\"type\": \"integer\"}}}",
      // arrays: items, sizes, uniqueness, tuples, contains
      "{\"type\": \"array\", \"items\": {\"type\": \"boolean\"}, \"minItems\": 2, \"maxItems\": 2, \"uniqueItems\": true}",
      "{\"type\": \"array\", \"items\": {\"enum\": [\"a\", \"b\", \"c\"]}, \"uniqueItems\": true, \"minItems\": 3}",
      "{\"type\": \"array\", \"prefixItems\": [{\"type\": \"integer\"}, {\"type\": \"string\"}], \"items\": false}",
      "{\"type\": \"array\", \"contains\": {\"const\": 42}, \"items\": {\"type\": \"integer\"}}",
      "{\"type\": \"array\", \"maxItems\": 0}",
      // composition and references
      "{\"anyOf\": [{\"type\": \"string\", \"maxLength\": 3}, {\"type\": \"integer\", \"minimum\": 100}]}",
      "{\"oneOf\": [{\"type\": \"boolean\"}, {\"type\": \"null\"}]}",
      "{\"allOf\": [{\"properties\": {\"a\": {\"type\": \"integer\"}}, \"required\": [\"a\"]},"
          + " {\"properties\": {\"b\": {\"type\": \"string\"}}, \"required\": [\"b\"]}]}",
      "{\"$defs\": {\"point\": {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"number\"},"
          + " \"y\": {\"type\": \"number\"}}, \"required\": [\"x\", \"y\"], \"additionalProperties\": false}},"
          + " \"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/point\"}, \"minItems\": 1}",
      // a recursive tree as strict structured outputs write it: the recursion ends in null
      "{\"$defs\": {\"node\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"},"
          + " \"child\": {\"anyOf\": [{\"$ref\": \"#/$defs/node\"}, {\"type\": \"null\"}]}},"
          + " \"required\": [\"name\", \"child\"], \"additionalProperties\": false}}, \"$ref\": \"#/$defs/node\"}",
      "{\"definitions\": {\"n\": {\"type\": \"integer\", \"maximum\": 0}}, \"properties\": {\"v\": {\"$ref\": \"#/definitions/n\"}},"
          + " \"required\": [\"v\"]}",
      // anything goes
      "{}",
      "true",
  })
  void everySampleValidates(String schemaText) {
    JsonNode schema = Schemas.parse(schemaText);
    Set<JsonNode> distinct = new HashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      JsonNode value = SchemaSampler.sample(schema, new SeededRandom(seed));
      assertThat(Schemas.violations(schema, value)).as("%s for %s", value, schemaText).isEmpty();
      distinct.add(value);
    }
    boolean single = schemaText.contains("const") && !schemaText.contains("contains")
        || schemaText.contains("\"null\"}") && !schemaText.contains("[") || schemaText.contains("maxItems\": 0")
        || schemaText.contains("\"properties\": {}");
    assertThat(distinct.size()).as("values drawn for %s", schemaText).isGreaterThan(single ? 0 : 1);
  }

  @Test
  void theValidatorCatchesWrongValuesAndFormats() {
    assertThat(Schemas.violations("{\"type\": \"integer\", \"maximum\": 3}", "4")).isNotEmpty();
    assertThat(Schemas.violations("{\"type\": \"string\", \"format\": \"email\"}", "\"no at sign\"")).isNotEmpty();
    assertThat(Schemas.violations("{\"type\": \"string\", \"format\": \"date-time\"}", "\"2024-13-01\"")).isNotEmpty();
    assertThat(Schemas.violations("{\"required\": [\"a\"]}", "{}")).isNotEmpty();
  }

  @Test
  void theSameSeedDrawsTheSameValue() {
    JsonNode schema = Schemas.parse("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"number\"},"
        + " \"b\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}");
    assertThat(SchemaSampler.sample(schema, new SeededRandom(9)))
        .isEqualTo(SchemaSampler.sample(schema, new SeededRandom(9)));
  }

  @Test
  void unknownKeywordsAndUnresolvableReferencesDegradeToSomeValue() {
    JsonNode schema = Schemas.parse("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"other.json#/x\"},"
        + " \"b\": {\"type\": \"string\", \"pattern\": \"^[0-9]+$\", \"x-vendor\": true}}, \"required\": [\"a\", \"b\"]}");
    JsonNode value = SchemaSampler.sample(schema, new SeededRandom(1));
    assertThat(value.has("a")).isTrue();
    assertThat(value.get("b").isTextual()).isTrue();
  }
}
