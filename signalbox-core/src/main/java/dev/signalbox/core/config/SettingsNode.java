package dev.signalbox.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A mapping of the configuration that core keeps as it was written, for the module that reads it
 * ({@link SettingsProvider}); checked when the configuration loaded. Compared by value.
 *
 * @param path where it is, e.g. {@code models[0].endpoints[1].simulated}
 * @param tree the mapping ({@link MissingNode} when the key is not given)
 */
public record SettingsNode(String path, JsonNode tree) {

  public SettingsNode {
    tree = tree == null ? MissingNode.getInstance() : tree.deepCopy();
  }

  /** The mapping to read, reporting problems with its path. */
  public ConfigNode node() {
    return new ConfigNode(tree.deepCopy(), path);
  }
}
