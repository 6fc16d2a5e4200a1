package dev.signalbox.core.config;

import java.util.Map;

/**
 * The reference of every configuration key, printed from the descriptions the parsers check
 * against ({@link Keys}), so it cannot fall behind them. Each key is a line {@code PATH: TYPE =
 * DEFAULT} (or {@code (required)}) followed by an indented line of what it does; a list's
 * elements are {@code name[]}, and keys that only some values of a key allow (a route's policy, a
 * replica's engine) end with that value, e.g. {@code [policy: trained]}, after a line that
 * introduces them.
 */
public final class ConfigReference {
  private ConfigReference() {}

  /** The reference of {@code root}'s keys. */
  public static String render(Keys root) {
    StringBuilder out = new StringBuilder();
    keys(out, root, "", "");
    return out.toString();
  }

  private static void keys(StringBuilder out, Keys keys, String prefix, String when) {
    String owner = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    for (Keys.Key key : keys.all()) {
      String path = prefix + key.name();
      boolean selects = key.name().equals(keys.selector());
      String type = selects ? String.join(" | ", keys.variantsByValue().keySet()) : key.type();
      String doc = key.nested() != Keys.SAME ? key.doc()
          : key.doc() + " (" + (key.list() ? "each " : "") + "a mapping like " + owner + ")";
      out.append(path).append(": ").append(type)
          .append(key.required() ? " (required)" : key.defaultValue() == null ? "" : " = " + key.defaultValue())
          .append(when).append('\n')
          .append("    ").append(doc).append('\n');
      if (key.nested() != null && key.nested() != Keys.SAME) {
        keys(out, key.nested(), path + (key.list() ? "[]." : "."), when);
      }
    }
    for (Map.Entry<String, Keys> variant : keys.variantsByValue().entrySet()) {
      String selected = " [" + keys.selector() + ": " + variant.getKey() + "]";
      Keys more = variant.getValue();
      out.append(owner).append(when).append(selected).append('\n')
          .append("    ").append(more.doc()).append('\n');
      keys(out, more, prefix, when + selected);
    }
  }
}
