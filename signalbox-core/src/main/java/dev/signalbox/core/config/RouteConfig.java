package dev.signalbox.core.config;

/**
 * A named route: a routing policy with its settings. The policy reads its own keys from {@code
 * settings}, so a bad value is reported at its path.
 *
 * @param name what callers put in {@code model}
 * @param policy the policy's name, e.g. {@code rules}
 * @param settings the whole route mapping
 */
public record RouteConfig(String name, String policy, ConfigNode settings) {

  static RouteConfig parse(ConfigNode n) {
    n.requireObject();
    String name = n.string("name");
    n.get("name").check(name, s -> s.matches("[A-Za-z0-9._:/@+-]+"),
        "route names may use letters, digits and . _ : / @ + - only");
    return new RouteConfig(name, n.string("policy"), n);
  }
}
