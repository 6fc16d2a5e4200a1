package dev.signalbox.core.routing;

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
   * Creates the policy for a route, reading its settings through {@code route.settings()} so that
   * problems are reported with the key's path.
   */
  Router create(RouteConfig route, Catalog catalog);
}
