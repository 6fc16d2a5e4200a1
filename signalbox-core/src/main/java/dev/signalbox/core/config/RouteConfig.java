package dev.signalbox.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A named route: a routing policy with its settings, and the models it may fall back to. The
 * policy reads its own keys from {@code settings}, so a bad value is reported at its path.
 *
 * @param name what callers put in {@code model}
 * @param policy the policy's name, e.g. {@code rules}
 * @param settings the route mapping without the keys every route shares ({@code fallbacks})
 * @param fallbacks models to try, in order, when the chosen model has no usable endpoint left
 */
public record RouteConfig(String name, String policy, ConfigNode settings, List<String> fallbacks) {

  public RouteConfig {
    fallbacks = List.copyOf(fallbacks);
  }

  /** A route without fallbacks. */
  public RouteConfig(String name, String policy, ConfigNode settings) {
    this(name, policy, settings, List.of());
  }

  static RouteConfig parse(ConfigNode n, Set<String> models) {
    n.requireObject();
    String name = n.string("name");
    n.get("name").check(name, s -> s.matches("[A-Za-z0-9._:/@+-]+"),
        "route names may use letters, digits and . _ : / @ + - only");
    List<String> fallbacks = new ArrayList<>();
    for (ConfigNode f : n.list("fallbacks")) {
      String model = f.asString();
      if (!models.contains(model)) {
        throw f.problem("unknown model '" + model + "'; known: " + String.join(", ", models));
      }
      if (fallbacks.contains(model)) {
        throw f.problem("'" + model + "' is listed twice");
      }
      fallbacks.add(model);
    }
    ConfigNode settings = n;
    if (n.has("fallbacks")) {
      ObjectNode copy = ((ObjectNode) n.raw()).deepCopy();
      copy.remove("fallbacks");
      settings = new ConfigNode(copy, n.path());
    }
    return new RouteConfig(name, n.string("policy"), settings, fallbacks);
  }
}
