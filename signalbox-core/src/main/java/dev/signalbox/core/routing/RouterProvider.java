package dev.signalbox.core.routing;

import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;

/**
 * Builds one kind of routing policy from a route's configuration. Built-in providers are listed in
 * {@link Routers}; others are found with {@link java.util.ServiceLoader}.
 */
public interface RouterProvider {

  /** The policy's name in configuration, e.g. {@code rules}. */
  String policy();

  /**
   * The route keys the policy reads besides those every route has ({@link RouteConfig#KEYS}): a
   * route is checked against them before {@link #create}, and {@code signalbox config} documents
   * them. The default, {@link Keys#open}, accepts any key and documents none.
   */
  default Keys keys() {
    return Keys.open("settings the policy reads itself (not described)");
  }

  /**
   * Creates the policy for a route, reading its settings through {@code route.settings()} so that
   * problems are reported with the key's path. Only keys that {@link #keys} declares may be read.
   */
  Router create(RouteConfig route, Catalog catalog);
}
