package dev.signalbox.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A read-only view of one node of a configuration tree that knows its own path, so that every
 * problem it reports names the key: {@code routes[0].rules[2].priority: expected an integer, got
 * "high"}. Policies read their own settings through it. Numbers and booleans may also be written
 * as text, which is what {@code ${ENV}} substitution produces ({@code port: ${PORT:-8080}}).
 */
public final class ConfigNode {
  private static final Pattern INTEGER_TEXT = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL_TEXT = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final JsonNode node;
  private final String path;

  public ConfigNode(JsonNode node, String path) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
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
    return node.has(key) && !node.get(key).isNull();
  }

  /** The child at a key (possibly missing). */
  public ConfigNode get(String key) {
    return new ConfigNode(node.get(key), childPath(key));
  }

  /** Fails unless this node is a mapping. */
  public ConfigNode requireObject() {
    if (!node.isObject()) {
      throw problem("expected a mapping of keys, got " + describe(node));
    }
    return this;
  }

  /** Fails on any key not in {@code allowed}, naming the closest allowed key. */
  public ConfigNode allowOnly(String... allowed) {
    requireObject();
    Set<String> ok = new LinkedHashSet<>(Arrays.asList(allowed));
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!ok.contains(key)) {
        String hint = closest(key, ok);
        throw new ConfigException(
            childPath(key),
            "unknown key"
                + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                + "; allowed here: "
                + String.join(", ", ok));
      }
    }
    return this;
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
    return child.isMissing() ? fallback : child.asString();
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
    return child.isMissing() ? fallback : child.asInt();
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
    if (child.isMissing()) {
      return fallback;
    }
    JsonNode value = numeric(child.node);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw child.problem("expected an integer, got " + describe(child.node));
    }
    return value.longValue();
  }

  public double number(String key, double fallback) {
    ConfigNode child = get(key);
    return child.isMissing() ? fallback : child.asDouble();
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
    if (child.isMissing()) {
      return fallback;
    }
    JsonNode value = child.node;
    String text = value.isTextual() ? value.asText().strip() : "";
    if (text.equals("true") || text.equals("false")) {
      value = BooleanNode.valueOf(text.equals("true"));
    }
    if (!value.isBoolean()) {
      throw child.problem("expected true or false, got " + describe(child.node));
    }
    return value.booleanValue();
  }

  /** A duration given in milliseconds under a key ending in {@code _ms}. */
  public Duration millis(String key, long fallbackMs) {
    long ms = longValue(key, fallbackMs);
    if (ms < 0) {
      throw get(key).problem("must not be negative");
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
      out.add(new ConfigNode(node.get(i), path + "[" + i + "]"));
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
      throw problem(problem);
    }
    return value;
  }

  /** A problem at this node. */
  public ConfigException problem(String message) {
    return new ConfigException(path, message);
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

  private static String closest(String key, Set<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (key.length() >= 3 && c.startsWith(key + "_")) {
        return c; // the key without its unit: base -> base_ms
      }
      int d = editDistance(key, c);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
