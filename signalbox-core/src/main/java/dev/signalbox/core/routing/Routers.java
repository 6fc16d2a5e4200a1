package dev.signalbox.core.routing;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.routing.rules.RuleRouter;
import dev.signalbox.core.spi.ProviderRegistry;
import java.util.List;
import java.util.Map;

/** Creates routing policies by name: the built-ins plus any {@link RouterProvider} on the class path. */
public final class Routers {
  private static final ProviderRegistry<RouterProvider> PROVIDERS = ProviderRegistry.discover("policy",
      RouterProvider.class, p -> List.of(p.policy()),
      List.of(new FixedModelRouter.Provider(), new RuleRouter.Provider()));

  private Routers() {}

  /** Creates the policy a route names, or fails naming the route's {@code policy} key. */
  public static Router create(RouteConfig route, Catalog catalog) {
    RouterProvider provider = PROVIDERS.get(route.policy());
    if (provider == null) {
      throw route.settings().get("policy").problem(PROVIDERS.unknown(route.policy()));
    }
    route.settings().allowOnly(RouteConfig.KEYS.plus(provider.keys()));
    return provider.create(route, catalog);
  }

  /** Each policy's own route keys, by name, for the configuration reference. */
  public static Map<String, Keys> keys() {
    return PROVIDERS.map(RouterProvider::keys);
  }

  /** The names of every available policy. */
  public static Iterable<String> policies() {
    return PROVIDERS.names();
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
}
