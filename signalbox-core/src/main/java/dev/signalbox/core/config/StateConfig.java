package dev.signalbox.core.config;

import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Where learned state lives ({@code state:}): a store, named, with its own settings (the file
 * store's folder), and how often the gateway snapshots its learners into it. The stores read
 * their settings themselves ({@code dev.signalbox.core.state.SharedStates}), so a store that plugs in
 * later (Redis) is configured the same way.
 *
 * @param store the store's name: {@code memory}, {@code file}, or another store's
 * @param settings the {@code state} mapping, whose keys besides these the store reads (missing: none)
 * @param snapshotIntervalMs how often learners are written to the store (also at shutdown); 0: only at shutdown
 */
public record StateConfig(String store, ConfigNode settings, long snapshotIntervalMs) {
  /** Nothing persisted. */
  public static final StateConfig MEMORY =
      new StateConfig("memory", new ConfigNode(MissingNode.getInstance(), "state"), 30_000);

  /** The keys of every store; each store adds its own. */
  public static final Keys KEYS = Keys.of("where learned routing state lives; restored at start, written every "
      + "interval and at exit")
      .key("store", "store name", MEMORY.store, "the store; its own keys follow, by store")
      .key("snapshot_interval_ms", "milliseconds", MEMORY.snapshotIntervalMs,
          "how often learners are written to the store (0: only at shutdown)");

  static StateConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return MEMORY;
    }
    n.requireObject();
    return new StateConfig(n.string("store", MEMORY.store),
        n, n.millis("snapshot_interval_ms", MEMORY.snapshotIntervalMs).toMillis());
  }
}
