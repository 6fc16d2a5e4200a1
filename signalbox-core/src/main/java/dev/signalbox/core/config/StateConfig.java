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

  static final Keys KEYS = Keys.of("where learned routing state lives; restored at start, written every interval "
      + "and at exit")
      .key("store", "memory | file", MEMORY.store, "memory: lost at exit; file: one file per route in `path`")
      .key("path", "folder", null, "the file store's folder (file store only; required there)")
      .key("snapshot_interval_ms", "milliseconds", MEMORY.snapshotIntervalMs,
          "how often learners are written to the store (0: only at shutdown)");

  static StateConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return MEMORY;
    }
    n.allowOnly(KEYS);
    String store = n.string("store", MEMORY.store);
    long interval = n.millis("snapshot_interval_ms", MEMORY.snapshotIntervalMs).toMillis();
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
