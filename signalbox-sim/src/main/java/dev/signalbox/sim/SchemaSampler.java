package dev.signalbox.sim;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Makes a JSON value that a JSON Schema allows, every choice drawn from a seeded random stream:
 * types (and type lists), const and enum, object properties (required ones always, optional ones
 * sometimes, min/maxProperties), array items and tuples (min/maxItems, uniqueItems), number and
 * integer ranges and multipleOf, string lengths and common formats, anyOf/oneOf (one branch),
 * allOf (merged) and local {@code $ref}s. What it cannot meet by construction (pattern, not,
 * if/then, dependencies) it ignores; past a depth it writes only what is required.
 */
final class SchemaSampler {
  private static final int DEEP = 6;
  private static final int MAX_REFS = 32;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigDecimal HUNDREDTH = new BigDecimal("0.01");
  private static final BigDecimal LIMIT = BigDecimal.TEN.pow(15);

  private final JsonNode root;
  private final SeededRandom random;

  private SchemaSampler(JsonNode root, SeededRandom random) {
    this.root = root;
    this.random = random;
  }

  /** A value {@code schema} allows; its {@code $ref}s resolve against {@code schema} itself. */
  static JsonNode sample(JsonNode schema, SeededRandom random) {
    return new SchemaSampler(schema, random).value(schema, 0);
  }

  private JsonNode value(JsonNode schema, int depth) {
    if (depth > 3 * DEEP) {
      return NODES.nullNode(); // a schema that requires itself without end: no finite value meets it
    }
    JsonNode s = resolve(schema);
    if (!s.isObject()) {
      return words(1 + random.nextInt(3)); // true or {} allow anything; false allows nothing
    }
    if (s.has("const")) {
      return s.get("const").deepCopy();
    }
    JsonNode options = s.get("enum");
    if (options != null && options.isArray() && !options.isEmpty()) {
      return options.get(random.nextInt(options.size())).deepCopy();
    }
    for (String key : List.of("anyOf", "oneOf")) {
      JsonNode branches = s.get(key);
      if (branches != null && branches.isArray() && !branches.isEmpty()) {
        return value(merge(without(s, key), branch(branches, depth)), depth);
      }
    }
    JsonNode all = s.get("allOf");
    if (all != null && all.isArray()) {
      JsonNode merged = without(s, "allOf");
      for (JsonNode part : all) {
        merged = merge(merged, part);
      }
      return value(merged, depth);
    }
    return switch (type(s, depth)) {
      case "object" -> object(s, depth);
      case "array" -> array(s, depth);
      case "integer" -> integer(s);
      case "number" -> number(s);
      case "boolean" -> NODES.booleanNode(random.nextInt(2) == 1);
      case "null" -> NODES.nullNode();
      default -> string(s);
    };
  }

  /** Follows {@code $ref}s within the root document; an unknown one allows anything. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    for (int i = 0; i < MAX_REFS && s != null && s.isObject() && s.path("$ref").isTextual(); i++) {
      String ref = s.get("$ref").textValue();
      JsonNode target = ref.equals("#") ? root
          : ref.startsWith("#/") ? root.at(JsonPointer.compile(ref.substring(1))) : NODES.missingNode();
      s = merge(target.isMissingNode() ? NODES.objectNode() : target, without(s, "$ref"));
    }
    return s == null ? NODES.objectNode() : s;
  }

  /** Deep in a structure, a branch that ends it (a scalar) when there is one. */
  private JsonNode branch(JsonNode branches, int depth) {
    if (depth >= DEEP) {
      for (JsonNode b : branches) {
        String t = type(resolve(b), depth);
        if (!t.equals("object") && !t.equals("array")) {
          return b;
        }
      }
    }
    return branches.get(random.nextInt(branches.size()));
  }

  private String type(JsonNode s, int depth) {
    JsonNode type = s.get("type");
    if (type != null && type.isTextual()) {
      return type.textValue();
    }
    if (type != null && type.isArray() && !type.isEmpty()) {
      List<String> types = new ArrayList<>();
      type.forEach(t -> types.add(t.asText()));
      if (types.contains("null") && (depth >= DEEP || types.size() == 1)) {
        return "null";
      }
      types.remove("null");
      return types.get(random.nextInt(types.size()));
    }
    if (hasAny(s, "properties", "required", "additionalProperties", "minProperties", "maxProperties")) {
      return "object";
    }
    if (hasAny(s, "items", "prefixItems", "minItems", "maxItems", "contains", "uniqueItems")) {
      return "array";
    }
    if (hasAny(s, "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")) {
      return "number";
    }
    return "string";
  }

  private JsonNode object(JsonNode s, int depth) {
    ObjectNode out = NODES.objectNode();
    Set<String> required = new LinkedHashSet<>();
    s.path("required").forEach(r -> required.add(r.asText()));
    JsonNode properties = s.get("properties");
    JsonNode additional = s.get("additionalProperties");
    boolean closed = additional != null && additional.isBoolean() && !additional.booleanValue();
    JsonNode extraSchema = additional != null && additional.isObject() ? additional : NODES.objectNode();
    List<String> optional = new ArrayList<>();
    if (properties != null && properties.isObject()) {
      properties.fieldNames().forEachRemaining(name -> {
        if (required.contains(name) || (depth < DEEP && random.nextInt(2) == 0)) {
          out.set(name, value(properties.get(name), depth + 1));
        } else {
          optional.add(name);
        }
      });
    }
    for (String name : required) {
      if (!out.has(name)) {
        out.set(name, value(properties != null && properties.has(name) ? properties.get(name) : extraSchema,
            depth + 1));
      }
    }
    int min = s.path("minProperties").asInt(0);
    int wanted = properties == null && !closed && depth < DEEP ? Math.max(min, 1 + random.nextInt(3)) : min;
    while (out.size() < wanted && !optional.isEmpty()) {
      String name = optional.remove(0);
      out.set(name, value(properties.get(name), depth + 1));
    }
    for (int tries = 0; out.size() < wanted && !closed && tries < 4 * wanted; tries++) {
      String name = AnswerGenerator.word(random);
      if (!out.has(name)) {
        out.set(name, value(extraSchema, depth + 1));
      }
    }
    if (s.has("maxProperties")) {
      int max = s.get("maxProperties").asInt();
      List<String> names = new ArrayList<>();
      out.fieldNames().forEachRemaining(names::add);
      for (int i = names.size() - 1; i >= 0 && out.size() > max; i--) {
        if (!required.contains(names.get(i))) {
          out.remove(names.get(i));
        }
      }
    }
    return out;
  }

  private JsonNode array(JsonNode s, int depth) {
    JsonNode prefix = s.path("prefixItems");
    JsonNode items = s.get("items");
    if (items != null && items.isArray()) { // a tuple before 2020-12
      prefix = items;
      items = s.get("additionalItems");
    }
    int min = s.path("minItems").asInt(0);
    int max = s.has("maxItems") ? s.get("maxItems").asInt() : Math.max(min, 1) + 2;
    if (items != null && items.isBoolean() && !items.booleanValue()) {
      max = Math.min(max, Math.max(prefix.size(), min));
    }
    int low = Math.min(Math.max(min, 1), max);
    int count = depth >= DEEP ? min : low + random.nextInt(Math.max(1, max - low + 1));
    boolean unique = s.path("uniqueItems").asBoolean(false);
    ArrayNode out = NODES.arrayNode();
    Set<JsonNode> seen = new HashSet<>();
    for (int tries = 0; out.size() < count && tries < 10 * count + 10; tries++) {
      int i = out.size();
      JsonNode itemSchema = i < prefix.size() ? prefix.get(i)
          : i == 0 && s.has("contains") ? s.get("contains")
          : items != null && !items.isBoolean() ? items : NODES.objectNode();
      JsonNode item = value(itemSchema, depth + 1);
      if (!unique || seen.add(item)) {
        out.add(item);
      }
    }
    return out;
  }

  private JsonNode integer(JsonNode s) {
    BigDecimal[] range = range(s);
    long low = range[0].setScale(0, RoundingMode.CEILING).longValueExact();
    long high = range[1].setScale(0, RoundingMode.FLOOR).longValueExact();
    BigDecimal step = multipleOf(s);
    if (step != null) {
      step = step.stripTrailingZeros().scale() <= 0 ? step : BigDecimal.ONE;
      long first = BigDecimal.valueOf(low).divide(step, 0, RoundingMode.CEILING).longValueExact();
      long last = BigDecimal.valueOf(high).divide(step, 0, RoundingMode.FLOOR).longValueExact();
      long k = last < first ? first : first + Math.floorMod(random.nextLong(), last - first + 1);
      return NODES.numberNode(step.multiply(BigDecimal.valueOf(k)).longValueExact());
    }
    return NODES.numberNode(high < low ? low : low + Math.floorMod(random.nextLong(), high - low + 1));
  }

  private JsonNode number(JsonNode s) {
    BigDecimal[] range = range(s);
    BigDecimal step = multipleOf(s);
    if (step == null) {
      step = HUNDREDTH;
    }
    BigDecimal first = range[0].divide(step, 0, RoundingMode.CEILING);
    BigDecimal last = range[1].divide(step, 0, RoundingMode.FLOOR);
    if (last.compareTo(first) < 0) { // no multiple in range: the middle of it
      return plain(range[0].add(range[1]).divide(BigDecimal.valueOf(2)));
    }
    long span = last.subtract(first).min(BigDecimal.valueOf(1_000_000)).longValue();
    BigDecimal k = first.add(BigDecimal.valueOf(Math.floorMod(random.nextLong(), span + 1)));
    return plain(k.multiply(step));
  }

  /** A decimal without trailing zeros, written without an exponent. */
  private static JsonNode plain(BigDecimal v) {
    BigDecimal stripped = v.stripTrailingZeros();
    return NODES.numberNode(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
  }

  /**
   * The closed range a number may take: the schema's bounds (exclusive ones moved inward by a
   * hundredth), or 100 wide on a side left open, within ±10^15.
   */
  private static BigDecimal[] range(JsonNode s) {
    BigDecimal low = bound(s, "minimum", "exclusiveMinimum", HUNDREDTH);
    BigDecimal high = bound(s, "maximum", "exclusiveMaximum", HUNDREDTH.negate());
    if (low == null && high == null) {
      low = BigDecimal.ZERO;
    }
    if (low == null) {
      low = high.subtract(BigDecimal.valueOf(100));
    }
    if (high == null) {
      high = low.add(BigDecimal.valueOf(100));
    }
    low = low.max(LIMIT.negate()).min(LIMIT);
    high = high.max(low).min(LIMIT);
    return new BigDecimal[] {low, high};
  }

  private static BigDecimal bound(JsonNode s, String inclusive, String exclusive, BigDecimal nudge) {
    JsonNode ex = s.get(exclusive);
    JsonNode in = s.get(inclusive);
    if (ex != null && ex.isNumber()) {
      BigDecimal e = ex.decimalValue().add(nudge);
      return in != null && in.isNumber() ? (nudge.signum() > 0 ? e.max(in.decimalValue()) : e.min(in.decimalValue())) : e;
    }
    if (in != null && in.isNumber()) {
      boolean draft4Exclusive = ex != null && ex.isBoolean() && ex.booleanValue();
      return draft4Exclusive ? in.decimalValue().add(nudge) : in.decimalValue();
    }
    return null;
  }

  private static BigDecimal multipleOf(JsonNode s) {
    JsonNode m = s.get("multipleOf");
    return m != null && m.isNumber() && m.decimalValue().signum() > 0 ? m.decimalValue() : null;
  }

  private JsonNode string(JsonNode s) {
    String format = s.path("format").asText("");
    String text = switch (format) {
      case "date-time" -> date() + "T" + time();
      case "date" -> date();
      case "time" -> time();
      case "email", "idn-email" -> AnswerGenerator.word(random) + "@example.com";
      case "uri", "url", "iri" -> "https://example.com/" + AnswerGenerator.word(random);
      case "uri-reference", "iri-reference" -> "/" + AnswerGenerator.word(random);
      case "hostname", "idn-hostname" -> AnswerGenerator.word(random) + ".example.com";
      case "ipv4" -> "192.0.2." + (1 + random.nextInt(254));
      case "ipv6" -> "2001:db8::" + Integer.toHexString(1 + random.nextInt(0xfffe));
      case "uuid" -> uuid();
      case "duration" -> "P" + (1 + random.nextInt(30)) + "D";
      default -> words(1 + random.nextInt(4)).textValue();
    };
    int min = s.path("minLength").asInt(0);
    int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
    StringBuilder sb = new StringBuilder(text);
    while (sb.length() < min) {
      sb.append(' ').append(AnswerGenerator.word(random));
    }
    return NODES.textNode(sb.length() > max ? sb.substring(0, Math.max(max, min)) : sb.toString());
  }

  private JsonNode words(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append(AnswerGenerator.word(random));
    }
    return NODES.textNode(sb.toString());
  }

  private String date() {
    return String.format(Locale.ROOT, "%04d-%02d-%02d",
        2020 + random.nextInt(8), 1 + random.nextInt(12), 1 + random.nextInt(28));
  }

  private String time() {
    return String.format(Locale.ROOT, "%02d:%02d:%02dZ", random.nextInt(24), random.nextInt(60), random.nextInt(60));
  }

  /** A version-4 UUID of seeded bits. */
  private String uuid() {
    long high = (random.nextLong() & 0xffff_ffff_ffff_0fffL) | 0x0000_0000_0000_4000L;
    long low = (random.nextLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  private static boolean hasAny(JsonNode s, String... keys) {
    for (String k : keys) {
      if (s.has(k)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode without(JsonNode s, String key) {
    ObjectNode copy = ((ObjectNode) s).deepCopy();
    copy.remove(key);
    return copy;
  }

  /** {@code a} with {@code b}'s keywords added: properties merged, required lists joined, the rest b's. */
  private JsonNode merge(JsonNode a, JsonNode b) {
    JsonNode rb = resolve(b);
    if (!a.isObject() || !rb.isObject()) {
      return rb.isObject() ? rb : a;
    }
    ObjectNode out = ((ObjectNode) a).deepCopy();
    rb.properties().forEach(e -> {
      JsonNode mine = out.get(e.getKey());
      if (e.getKey().equals("properties") && mine != null && mine.isObject() && e.getValue().isObject()) {
        ((ObjectNode) mine).setAll((ObjectNode) e.getValue().deepCopy());
      } else if (e.getKey().equals("required") && mine != null && mine.isArray() && e.getValue().isArray()) {
        Set<String> names = new LinkedHashSet<>();
        mine.forEach(n -> names.add(n.asText()));
        e.getValue().forEach(n -> names.add(n.asText()));
        ArrayNode joined = NODES.arrayNode();
        names.forEach(joined::add);
        out.set("required", joined);
      } else {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    return out;
  }
}
