package dev.signalbox.core.config;

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

  /** The keys every route has; each policy adds its own ({@code RouterProvider.keys()}). */
  public static final Keys KEYS = Keys.of("a named route: what callers put in \"model\", decided by a routing policy")
      .required("name", "letters, digits and . _ : / @ + -", "the route's name; unique among models and routes")
      .required("policy", "policy name", "the routing policy; its own keys follow, by policy")
      .key("fallbacks", "list of model names", "[]",
          "models to try, in order, when the chosen model has no usable endpoint left");

  static RouteConfig parse(ConfigNode n, Set<String> models) {
    n.requireObject();
    String name = n.string("name");
    n.get("name").check(name, s -> s.matches("[A-Za-z0-9._:/@+-]+"),
        "route names may use letters, digits and . _ : / @ + - only");
    List<String> fallbacks = new ArrayList<>();
    for (ConfigNode f : n.list("fallbacks")) {
      String model = f.attempt(f::asString, null);
      if (model == null) {
        continue;
      }
      if (!models.contains(model)) {
        f.report("unknown model '" + model + "'; known: " + String.join(", ", models));
      } else if (fallbacks.contains(model)) {
        f.report("'" + model + "' is listed twice");
      } else {
        fallbacks.add(model);
      }
    }
    ConfigNode settings = n.has("fallbacks") ? n.without("fallbacks") : n;
    return new RouteConfig(name, n.string("policy"), settings, fallbacks);
  }
}
