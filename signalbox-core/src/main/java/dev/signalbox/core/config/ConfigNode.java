package dev.signalbox.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A read-only view of one node of a configuration tree that knows its own path, so that every
 * problem it reports names the key: {@code routes[0].rules[2].priority: expected an integer, got
 * "high"}. Policies read their own settings through it. Numbers and booleans may also be written
 * as text, which is what {@code ${ENV}} substitution produces ({@code port: ${PORT:-8080}}).
 *
 * <p>A mapping is checked against its description ({@link #allowOnly(Keys)}); from then on the
 * parser may read only keys the description declares, so none goes undocumented. A tree read in
 * collecting mode ({@link ConfigLoader#check}) records a problem and goes on where it can: a
 * value of the wrong type gives the key's default, a failed check keeps the value, and a step that
 * cannot go on is cut short by {@link #attempt}.
 */
public final class ConfigNode {
  private static final Pattern INTEGER_TEXT = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL_TEXT = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  /** What {@link #expected} is for a key its parent described as a scalar. */
  private static final Keys SCALAR = Keys.of("a scalar");

  private final JsonNode node;
  private final String path;
  private final Problems problems;
  private final Keys expected;
  private Keys declared;

  public ConfigNode(JsonNode node, String path) {
    this(node, path, null, null);
  }

  ConfigNode(JsonNode node, String path, Problems problems, Keys expected) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
    this.problems = problems;
    this.expected = expected;
  }

  /** The path of this node, e.g. {@code models[0]}; empty for the root. */
  public String path() {
    return path;
  }

  /** The underlying tree, for policies with free-form settings. */
  public JsonNode raw() {
    return node;
  }

  public boolean isMissing() {
    return node.isMissingNode() || node.isNull();
  }

  public boolean isObject() {
    return node.isObject();
  }

  public boolean isArray() {
    return node.isArray();
  }

  public boolean isText() {
    return node.isTextual();
  }

  public boolean has(String key) {
    checkDeclared(key);
    return node.has(key) && !node.get(key).isNull();
  }

  /** The child at a key (possibly missing). */
  public ConfigNode get(String key) {
    checkDeclared(key);
    Keys.Key k = declared == null ? null : declared.get(key);
    Keys childKeys = k == null ? null
        : k.nested() == null ? SCALAR
        : k.nested() == Keys.SAME ? declared
        : k.nested();
    return new ConfigNode(node.get(key), childPath(key), problems, childKeys);
  }

  /** This mapping without {@code key}, at the same path. */
  public ConfigNode without(String key) {
    requireObject();
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    copy.remove(key);
    ConfigNode n = new ConfigNode(copy, path, problems, expected);
    n.declared = declared;
    return n;
  }

  /** Fails unless this node is a mapping. */
  public ConfigNode requireObject() {
    if (!node.isObject()) {
      throw problem("expected a mapping of keys, got " + describe(node));
    }
    return this;
  }

  /**
   * Reports every key not in {@code keys}, naming the closest allowed one; from then on only keys
   * that {@code keys} declares may be read here.
   */
  public ConfigNode allowOnly(Keys keys) {
    requireObject();
    if (expected == SCALAR || (expected != null && !keys.covers(expected))) {
      throw new IllegalStateException(path + ": the parser checks keys that the description of its parent does not"
          + " list under this key; describe them there");
    }
    declared = keys;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.allows(key)) {
        String hint = Spelling.closest(key, keys.names());
        report(new ConfigException(childPath(key), "unknown key"
            + (hint == null ? "" : " (did you mean '" + hint + "'?)")
            + "; allowed here: " + String.join(", ", keys.names())));
      }
    }
    return this;
  }

  /**
   * {@link #allowOnly} for a mapping whose keys depend on the value of one of them ({@code keys}' selector,
   * here {@code selected}): a key that only other values read is reported as {@code elsewhere(key, those
   * values)}, e.g. {@code only the file store has a path}.
   */
  public ConfigNode allowOnly(Keys keys, String selected, BiFunction<String, List<String>, String> elsewhere) {
    Keys allowed = keys.when(selected);
    for (String key : keys()) {
      List<String> readers = keys.variantsDeclaring(key);
      if (!allowed.allows(key) && !readers.isEmpty()) {
        report(new ConfigException(childPath(key), elsewhere.apply(key, readers)));
      }
    }
    return allowOnly(allowed);
  }

  /** The keys of this mapping, in file order. */
  public List<String> keys() {
    requireObject();
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public String string(String key) {
    ConfigNode child = get(key);
    if (child.isMissing()) {
      throw child.problem("required key is missing");
    }
    return child.asString();
  }

  public String string(String key, String fallback) {
    ConfigNode child = get(key);
    return child.isMissing() ? fallback : child.orDefault(child::asString, fallback);
  }

  /** This node as a non-empty string. */
  public String asString() {
    if (!node.isTextual() && !node.isNumber() && !node.isBoolean()) {
      throw problem("expected a string, got " + describe(node));
    }
    String s = node.asText();
    if (s.isBlank()) {
      throw problem("must not be empty");
    }
    return s;
  }

  public int integer(String key, int fallback) {
    ConfigNode child = get(key);
    return child.isMissing() ? fallback : child.orDefault(child::asInt, fallback);
  }

  public int integer(String key) {
    ConfigNode child = get(key);
    if (child.isMissing()) {
      throw child.problem("required key is missing");
    }
    return child.asInt();
  }

  public int asInt() {
    JsonNode value = numeric(node);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw problem("expected an integer, got " + describe(node));
    }
    return value.intValue();
  }

  public long longValue(String key, long fallback) {
    ConfigNode child = get(key);
    return child.isMissing() ? fallback : child.orDefault(child::asLong, fallback);
  }

  private long asLong() {
    JsonNode value = numeric(node);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw problem("expected an integer, got " + describe(node));
    }
    return value.longValue();
  }

  public double number(String key, double fallback) {
    ConfigNode child = get(key);
    return child.isMissing() ? fallback : child.orDefault(child::asDouble, fallback);
  }

  public double number(String key) {
    ConfigNode child = get(key);
    if (child.isMissing()) {
      throw child.problem("required key is missing");
    }
    return child.asDouble();
  }

  public double asDouble() {
    JsonNode value = numeric(node);
    if (!value.isNumber()) {
      throw problem("expected a number, got " + describe(node));
    }
    double d = value.doubleValue();
    if (!Double.isFinite(d)) {
      throw problem("expected a finite number");
    }
    return d;
  }

  public boolean bool(String key, boolean fallback) {
    ConfigNode child = get(key);
    return child.isMissing() ? fallback : child.orDefault(child::asBoolean, fallback);
  }

  private boolean asBoolean() {
    String text = node.isTextual() ? node.asText().strip() : "";
    if (!node.isBoolean() && !text.equals("true") && !text.equals("false")) {
      throw problem("expected true or false, got " + describe(node));
    }
    return node.isBoolean() ? node.booleanValue() : text.equals("true");
  }

  /** A duration given in milliseconds under a key ending in {@code _ms}. */
  public Duration millis(String key, long fallbackMs) {
    long ms = longValue(key, fallbackMs);
    if (ms < 0) {
      get(key).report("must not be negative");
      ms = fallbackMs;
    }
    return Duration.ofMillis(ms);
  }

  /** The elements of a list (a missing key is an empty list; a single value a list of one). */
  public List<ConfigNode> list(String key) {
    ConfigNode child = get(key);
    return child.asList();
  }

  public List<ConfigNode> asList() {
    List<ConfigNode> out = new ArrayList<>();
    if (isMissing()) {
      return out;
    }
    if (!node.isArray()) {
      out.add(this);
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(new ConfigNode(node.get(i), path + "[" + i + "]", problems, expected));
    }
    return out;
  }

  /** A list of strings (a single string is a list of one). */
  public List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (ConfigNode n : list(key)) {
      out.add(n.asString());
    }
    return out;
  }

  /** Checks a parsed value, reporting {@code problem} at this node when the check fails. */
  public <T> T check(T value, Function<T, Boolean> ok, String problem) {
    if (!ok.apply(value)) {
      report(problem(problem));
    }
    return value;
  }

  /** A problem at this node. */
  public ConfigException problem(String message) {
    return new ConfigException(path, message);
  }

  /** Reports a problem at this node: throws it, or in collecting mode records it and returns. */
  public void report(String message) {
    report(problem(message));
  }

  /** Throws {@code problem}, or in collecting mode records it and returns. */
  public void report(ConfigException problem) {
    if (problems == null) {
      throw problem;
    }
    problems.add(problem);
  }

  /**
   * Runs one step of parsing. In collecting mode a problem that stops it is recorded and {@code
   * placeholder} returned, and so is an {@link IllegalArgumentException} once the step has reported
   * a problem (it follows from that problem); otherwise the step's problem propagates.
   */
  public <T> T attempt(Supplier<T> step, T placeholder) {
    if (problems == null) {
      return step.get();
    }
    int before = problems.reported();
    try {
      return step.get();
    } catch (ConfigException e) {
      problems.add(e);
      return placeholder;
    } catch (IllegalArgumentException e) {
      if (problems.reported() > before) {
        return placeholder;
      }
      throw e;
    }
  }

  /**
   * What a step throws to give up after a part of it reported a problem in collecting mode (the
   * part's placeholder is of no use): {@link #attempt} records nothing more for it.
   */
  public static IllegalArgumentException abandoned() {
    return new IllegalArgumentException("abandoned after a reported configuration problem");
  }

  /** Whether problems are recorded rather than thrown. */
  public boolean collecting() {
    return problems != null;
  }

  /** Nodes are equal when they stand for the same value at the same path. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigNode other && path.equals(other.path) && node.equals(other.node);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, node);
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "" : path + ": ") + node;
  }

  private <T> T orDefault(Supplier<T> read, T fallback) {
    return attempt(read, fallback);
  }

  private void checkDeclared(String key) {
    if (declared != null && !declared.allows(key)) {
      throw new IllegalStateException((path.isEmpty() ? "" : path + ": ") + "the parser reads '" + key
          + "', which the description of this mapping does not declare; add it to its Keys");
    }
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** A number written as text read as that number; any other node as it is. */
  private static JsonNode numeric(JsonNode n) {
    if (!n.isTextual()) {
      return n;
    }
    String text = n.asText().strip();
    if (INTEGER_TEXT.matcher(text).matches()) {
      return BigIntegerNode.valueOf(new BigInteger(text));
    }
    if (DECIMAL_TEXT.matcher(text).matches()) {
      return DoubleNode.valueOf(Double.parseDouble(text));
    }
    return n;
  }

  static String describe(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "nothing";
    }
    if (n.isTextual()) {
      return "\"" + n.asText() + "\"";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    return n.toString();
  }
}
