package dev.signalbox.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys one mapping of the configuration accepts, each with its type, default and one line of
 * documentation. A parser checks its mapping against it ({@link ConfigNode#allowOnly(Keys)}) and
 * {@link ConfigReference} prints it, so no key can be accepted without being documented. A mapping
 * whose keys depend on the value of one of them ({@code policy}, {@code engine}) has variants.
 * Immutable: each method returns a new description.
 */
public final class Keys {
  /**
   * One key.
   *
   * @param name the key
   * @param type what it takes, with its range or allowed values, e.g. {@code integer 0..65535}
   * @param defaultValue the value when it is not given, as written in YAML ({@code 8080}), or a
   *     description in parentheses ({@code (the artifact's)}); null when there is none
   * @param required whether the key must be given
   * @param doc one line
   * @param nested the keys of its mapping (or of each mapping of its list); null for a scalar
   * @param list whether it is a list of such mappings
   */
  public record Key(String name, String type, String defaultValue, boolean required, String doc, Keys nested,
      boolean list) {

    /** Whether the default is a literal value rather than a description of one. */
    public boolean hasLiteralDefault() {
      return defaultValue != null && !defaultValue.startsWith("(");
    }
  }

  /** Stands for the enclosing mapping's own keys, for a key that nests the same kind of mapping. */
  public static final Keys SAME = of("the same keys as the enclosing mapping");

  private final String doc;
  private final Map<String, Key> keys;
  private final String selector;
  private final Map<String, Keys> variants;
  private final boolean open;

  private Keys(String doc, Map<String, Key> keys, String selector, Map<String, Keys> variants, boolean open) {
    this.doc = doc;
    this.keys = Collections.unmodifiableMap(keys);
    this.selector = selector;
    this.variants = Collections.unmodifiableMap(variants);
    this.open = open;
  }

  /** A mapping, described by {@code doc}, with no keys yet. */
  public static Keys of(String doc) {
    return new Keys(doc, new LinkedHashMap<>(), null, new LinkedHashMap<>(), false);
  }

  /** A mapping whose keys are not described: any key is accepted (a policy that reads its own). */
  public static Keys open(String doc) {
    return new Keys(doc, new LinkedHashMap<>(), null, new LinkedHashMap<>(), true);
  }

  /** With an optional scalar key; {@code defaultValue} is shown as written (null: no default). */
  public Keys key(String name, String type, Object defaultValue, String doc) {
    return with(new Key(name, type, written(defaultValue), false, doc, null, false));
  }

  /** With a scalar key that must be given. */
  public Keys required(String name, String type, String doc) {
    return with(new Key(name, type, null, true, doc, null, false));
  }

  /** With a key whose value is a mapping of {@code nested} keys (or a short form that {@code type} names). */
  public Keys mapping(String name, String type, Object defaultValue, String doc, Keys nested) {
    return with(new Key(name, type, written(defaultValue), false, doc, nested, false));
  }

  /** With a key whose value must be given and is a mapping of {@code nested} keys. */
  public Keys requiredMapping(String name, String type, String doc, Keys nested) {
    return with(new Key(name, type, null, true, doc, nested, false));
  }

  /** With a key whose value is a list of mappings of {@code nested} keys. */
  public Keys list(String name, boolean required, String doc, Keys nested) {
    return with(new Key(name, "list of mappings", null, required, doc, nested, true));
  }

  /** With {@code more} keys that apply when the key {@code selectorKey} is {@code value}. */
  public Keys variant(String selectorKey, String value, Keys more) {
    if (selector != null && !selector.equals(selectorKey)) {
      throw new IllegalArgumentException("variants are selected by " + selector + ", not " + selectorKey);
    }
    Map<String, Keys> copy = new LinkedHashMap<>(variants);
    copy.put(value, more);
    return new Keys(doc, new LinkedHashMap<>(keys), selectorKey, copy, open);
  }

  /** With a variant per entry of {@code byValue}: its keys apply when {@code selectorKey} has its value. */
  public Keys variants(String selectorKey, Map<String, Keys> byValue) {
    Keys keys = this;
    for (Map.Entry<String, Keys> v : byValue.entrySet()) {
      keys = keys.variant(selectorKey, v.getKey(), v.getValue());
    }
    return keys;
  }

  /** These keys and {@code more}'s (a key of both keeps {@code more}'s description). */
  public Keys plus(Keys more) {
    Map<String, Key> merged = new LinkedHashMap<>(keys);
    merged.putAll(more.keys);
    return new Keys(doc, merged, selector, new LinkedHashMap<>(variants), open || more.open);
  }

  /** The keys that apply when the selector has {@code value}: these plus that variant's. */
  public Keys when(String value) {
    Keys v = variants.get(value);
    return v == null ? this : plus(v);
  }

  /** Whether a mapping described by this may have {@code key}. */
  public boolean allows(String key) {
    return open || keys.containsKey(key);
  }

  /** Whether every key of {@code other} is one of these. */
  public boolean covers(Keys other) {
    return open || keys.keySet().containsAll(other.keys.keySet());
  }

  public boolean isOpen() {
    return open;
  }

  public Key get(String key) {
    return keys.get(key);
  }

  public Set<String> names() {
    return keys.keySet();
  }

  public List<Key> all() {
    return List.copyOf(keys.values());
  }

  public String doc() {
    return doc;
  }

  /** The key whose value picks the variant, or null. */
  public String selector() {
    return selector;
  }

  public Map<String, Keys> variantsByValue() {
    return variants;
  }

  /** The selector's values whose variant declares {@code key}, in order. */
  public List<String> variantsDeclaring(String key) {
    List<String> values = new ArrayList<>();
    variants.forEach((value, more) -> {
      if (!more.open && more.keys.containsKey(key)) {
        values.add(value);
      }
    });
    return values;
  }

  /** A default as YAML shows it: whole numbers without a fraction. */
  private static String written(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf(d.longValue());
    }
    return value == null ? null : String.valueOf(value);
  }

  private Keys with(Key key) {
    Map<String, Key> copy = new LinkedHashMap<>(keys);
    copy.put(key.name(), key);
    return new Keys(doc, copy, selector, new LinkedHashMap<>(variants), open);
  }
}
