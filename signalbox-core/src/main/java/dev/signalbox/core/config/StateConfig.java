package dev.signalbox.core.config;

import java.nio.file.Path;

/**
 * Where learned state lives ({@code state:}): in memory (lost at exit) or in a folder, and how
 * often the gateway snapshots its learners into it.
 *
 * @param store {@code memory} or {@code file}
 * @param path the folder of the file store (null for memory)
 * @param snapshotIntervalMs how often learners are written to the store (also at shutdown); 0: only at shutdown
 */
public record StateConfig(String store, Path path, long snapshotIntervalMs) {
  /** Nothing persisted. */
  public static final StateConfig MEMORY = new StateConfig("memory", null, 30_000);

  static StateConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return MEMORY;
    }
    n.allowOnly("store", "path", "snapshot_interval_ms");
    String store = n.string("store", "memory");
    long interval = n.millis("snapshot_interval_ms", 30_000).toMillis();
    switch (store) {
      case "memory":
        if (n.has("path")) {
          throw n.get("path").problem("only the file store has a path");
        }
        return new StateConfig(store, null, interval);
      case "file":
        return new StateConfig(store, Path.of(n.string("path")), interval);
      default:
        throw n.get("store").problem("unknown store '" + store + "'; known: memory, file");
    }
  }
}
