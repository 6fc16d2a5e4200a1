package dev.signalbox.core.routing;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.routing.rules.RuleRouter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Creates routing policies by name: the built-ins plus any {@link RouterProvider} on the class path. */
public final class Routers {
  private static final Map<String, RouterProvider> PROVIDERS = discover();

  private Routers() {}

  /** Creates the policy a route names, or fails naming the route's {@code policy} key. */
  public static Router create(RouteConfig route, Catalog catalog) {
    RouterProvider provider = PROVIDERS.get(route.policy());
    if (provider == null) {
      throw route.settings().get("policy").problem(
          "unknown policy '" + route.policy() + "'; known: " + String.join(", ", PROVIDERS.keySet()));
    }
    route.settings().allowOnly(RouteConfig.KEYS.plus(provider.keys()));
    return provider.create(route, catalog);
  }

  /** The description of every configuration key, each policy's own included. */
  public static Keys configurationKeys() {
    Map<String, Keys> policies = new LinkedHashMap<>();
    PROVIDERS.forEach((name, provider) -> policies.put(name, provider.keys()));
    return SignalboxConfig.keys(policies);
  }

  /** The names of every available policy. */
  public static Iterable<String> policies() {
    return PROVIDERS.keySet();
  }

  /** Reads a model name and checks that the catalog has it. */
  public static String knownModel(ConfigNode n, Catalog catalog) {
    if (n.isMissing()) {
      throw n.problem("required key is missing");
    }
    String name = n.asString();
    if (!catalog.contains(name)) {
      throw n.problem("unknown model '" + name + "'; known: " + String.join(", ", catalog.names()));
    }
    return name;
  }

  private static Map<String, RouterProvider> discover() {
    Map<String, RouterProvider> map = new LinkedHashMap<>();
    for (RouterProvider p : new RouterProvider[] {new FixedModelRouter.Provider(), new RuleRouter.Provider()}) {
      map.put(p.policy(), p);
    }
    for (RouterProvider p : ServiceLoader.load(RouterProvider.class)) {
      map.putIfAbsent(p.policy(), p);
    }
    return Collections.unmodifiableMap(map);
  }
}
