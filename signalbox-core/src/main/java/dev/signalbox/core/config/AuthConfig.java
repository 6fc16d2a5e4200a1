package dev.signalbox.core.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call the gateway ({@code auth:}, {@code teams:}, {@code keys:}): auth is on when the
 * configuration has {@code auth:}; the master key opens the admin endpoints; each virtual key
 * belongs to a team and carries its own budget, allowed models and routes, parallel limit and
 * expiry. Keys are held only as their SHA-256.
 *
 * @param enabled whether callers must present a key
 * @param masterKey the admin credential, or null (the admin endpoints are then closed when on)
 */
public record AuthConfig(boolean enabled, Secret masterKey, List<TeamConfig> teams, List<KeyConfig> keys) {
  /** No auth: the built-in default, open on loopback. */
  public static final AuthConfig OFF = new AuthConfig(false, null, List.of(), List.of());

  public AuthConfig {
    teams = List.copyOf(teams);
    keys = List.copyOf(keys);
  }

  /**
   * A spending limit over a period.
   *
   * @param usd the most that may be spent per period
   * @param period the period's length ({@code 1d}, {@code 30d}), or null for the key's lifetime
   */
  public record BudgetConfig(double usd, Duration period) {}

  /** A team: its budget (or null) and the models and routes its keys may use (empty: any). */
  public record TeamConfig(String name, BudgetConfig budget, Set<String> models) {
    public TeamConfig {
      models = Set.copyOf(models);
    }
  }

  /**
   * A virtual key.
   *
   * @param id the key's public name (in records, metrics and the admin API; never the key)
   * @param sha256 the key's SHA-256, hex
   * @param team its team, or null
   * @param budget its own budget, or null
   * @param models the models and routes it may name (empty: any its team may)
   * @param maxParallel requests it may have in flight at once (0: no limit)
   * @param expiresAt when it stops working, or null
   */
  public record KeyConfig(String id, String sha256, String team, BudgetConfig budget, Set<String> models,
      int maxParallel, Instant expiresAt, Map<String, String> metadata) {
    public KeyConfig {
      models = Set.copyOf(models);
      metadata = Map.copyOf(metadata);
    }
  }

  static final Keys BUDGET_KEYS = Keys.of("a budget")
      .key("budget_usd", "USD", null, "the most that may be spent per period (none: no budget)")
      .key("budget_period", "duration", null, "1h, 1d, 30d ... (none: over the whole life)");

  static final Keys TEAM_KEYS = Keys.of("a team of keys, with its own budget")
      .required("name", "name", "the team's name, which keys name")
      .plus(BUDGET_KEYS)
      .key("models", "list of models and routes", "[]", "what the team's keys may name (empty: any)");

  static final Keys KEY_KEYS = Keys.of("a virtual key a client presents (Authorization: Bearer, or x-api-key)")
      .required("id", "name", "the key's public name, used in records and metrics")
      .key("key", "secret", null, "the key itself (use ${VAR}); or give key_sha256")
      .key("key_sha256", "hex", null, "the SHA-256 of the key, hex, instead of the key")
      .key("team", "team name", null, "the team it belongs to")
      .plus(BUDGET_KEYS)
      .key("models", "list of models and routes", "[]", "what it may name (empty: what its team may)")
      .key("max_parallel", "count", 0, "requests in flight at once (0: no limit)")
      .key("expires_at", "ISO-8601 instant", null, "when it stops working, e.g. 2027-01-01T00:00:00Z")
      .mapping("metadata", "mapping", null, "free text labels", Keys.open("labels"));

  public static final Keys KEYS = Keys.of("turns authentication on: every request needs a virtual key")
      .key("master_key", "secret", null, "the admin credential (use ${SIGNALBOX_MASTER_KEY})");

  static AuthConfig parse(ConfigNode auth, ConfigNode teamNodes, ConfigNode keyNodes) {
    boolean enabled = !auth.isMissing();
    Secret master = null;
    if (enabled && !auth.raw().isNull()) {
      auth.requireObject();
      String given = auth.string("master_key", null);
      if (given != null) {
        master = new Secret(auth.get("master_key").check(given, k -> k.length() >= 16,
            "must be at least 16 characters"));
      }
    }
    List<TeamConfig> teams = new ArrayList<>();
    Set<String> teamNames = new HashSet<>();
    for (ConfigNode t : teamNodes.isMissing() ? List.<ConfigNode>of() : teamNodes.asList()) {
      TeamConfig team = team(t);
      if (!teamNames.add(team.name())) {
        t.get("name").report("duplicate team '" + team.name() + "'");
      }
      teams.add(team);
    }
    List<KeyConfig> keys = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (ConfigNode k : keyNodes.isMissing() ? List.<ConfigNode>of() : keyNodes.asList()) {
      KeyConfig key = k.attempt(() -> key(k, teamNames), null);
      if (key == null) {
        continue;
      }
      if (!ids.add(key.id())) {
        k.get("id").report("duplicate key id '" + key.id() + "'");
      }
      if (!hashes.add(key.sha256())) {
        k.get("key").report("the same key is given twice");
      }
      keys.add(key);
    }
    if (!enabled && !keys.isEmpty()) {
      keyNodes.report("keys are given but auth is off; add auth: (with master_key) to turn it on");
    }
    return new AuthConfig(enabled, master, teams, keys);
  }

  /** A team from its mapping (the configuration's, or an admin request's). */
  public static TeamConfig team(ConfigNode t) {
    t.requireObject().allowOnly(TEAM_KEYS);
    String name = t.get("name").check(t.string("name"), s -> s.matches("[A-Za-z0-9._:@-]{1,64}"),
        "use 1..64 of letters, digits and . _ : @ -");
    return new TeamConfig(name, budget(t), Set.copyOf(t.strings("models")));
  }

  /** A key from its mapping (the configuration's, or an admin request's), its team among {@code teams}. */
  public static KeyConfig key(ConfigNode k, Set<String> teams) {
    k.requireObject().allowOnly(KEY_KEYS);
    String id = k.get("id").check(k.string("id"), s -> s.matches("[A-Za-z0-9._:@-]{1,64}"),
        "use 1..64 of letters, digits and . _ : @ -");
    String key = k.string("key", null);
    String hash = k.string("key_sha256", null);
    if ((key == null) == (hash == null)) {
      throw k.get("key").problem("give exactly one of key and key_sha256");
    }
    if (key != null) {
      k.get("key").check(key, s -> s.length() >= 16, "must be at least 16 characters");
      hash = KeyHash.sha256(key);
    } else {
      hash = k.get("key_sha256").check(hash.toLowerCase(), s -> s.matches("[0-9a-f]{64}"), "must be 64 hex digits");
    }
    String team = k.string("team", null);
    if (team != null && !teams.contains(team)) {
      k.get("team").report("unknown team '" + team + "'; teams: " + String.join(", ", teams));
    }
    Instant expires = null;
    String expiry = k.string("expires_at", null);
    if (expiry != null) {
      try {
        expires = Instant.parse(expiry);
      } catch (DateTimeParseException e) {
        k.get("expires_at").report("not an ISO-8601 instant such as 2027-01-01T00:00:00Z");
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    ConfigNode meta = k.get("metadata");
    if (!meta.isMissing()) {
      meta.requireObject().keys().forEach(name -> metadata.put(name, meta.string(name)));
    }
    return new KeyConfig(id, hash, team, budget(k), Set.copyOf(k.strings("models")),
        k.get("max_parallel").check(k.integer("max_parallel", 0), n -> n >= 0, "must not be negative"),
        expires, metadata);
  }

  private static BudgetConfig budget(ConfigNode n) {
    if (!n.has("budget_usd")) {
      if (n.has("budget_period")) {
        n.get("budget_period").report("a period needs budget_usd");
      }
      return null;
    }
    double usd = n.get("budget_usd").check(n.number("budget_usd"), v -> v >= 0, "must not be negative");
    String period = n.string("budget_period", null);
    return new BudgetConfig(usd, period == null ? null : n.get("budget_period").check(duration(period),
        d -> d != null && !d.isNegative() && !d.isZero(), "use a number and a unit: 30m, 12h, 1d, 30d"));
  }

  /** {@code 30m}, {@code 12h}, {@code 1d}, {@code 30d}; null when it is none of these. */
  static Duration duration(String text) {
    if (!text.matches("[0-9]{1,6}[mhd]")) {
      return null;
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
