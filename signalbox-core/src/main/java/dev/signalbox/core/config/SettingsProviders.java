package dev.signalbox.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The {@link SettingsProvider}s on the class path, by the key each reads. */
final class SettingsProviders {
  private static final Map<String, SettingsProvider> BY_NAME = discover();

  private SettingsProviders() {}

  /** The keys of the mapping under {@code name}: its provider's, or any keys (documented as {@code doc}) without one. */
  static Keys keys(String name, String doc) {
    SettingsProvider provider = BY_NAME.get(name);
    return provider == null ? Keys.open(doc) : provider.keys();
  }

  /** Checks the mapping under {@code name} with its provider (any mapping when none) and keeps it as written. */
  static SettingsNode read(String name, ConfigNode node) {
    SettingsProvider provider = BY_NAME.get(name);
    if (!node.isMissing()) {
      node.requireObject();
      if (provider != null) {
        provider.parse(node);
      }
    }
    return new SettingsNode(node.path(), node.raw());
  }

  private static Map<String, SettingsProvider> discover() {
    Map<String, SettingsProvider> map = new LinkedHashMap<>();
    for (SettingsProvider p : ServiceLoader.load(SettingsProvider.class)) {
      SettingsProvider previous = map.putIfAbsent(p.name(), p);
      if (previous != null) {
        throw new IllegalStateException("two settings providers read '" + p.name() + "': "
            + previous.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
