package dev.signalbox.core.governance;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.AuthConfig;
import dev.signalbox.core.config.AuthConfig.KeyConfig;
import dev.signalbox.core.config.AuthConfig.TeamConfig;
import dev.signalbox.core.config.KeyHash;
import dev.signalbox.core.routing.RoutingTable.Routed;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The virtual keys a gateway knows, by their SHA-256: what a client presents is hashed and looked
 * up; the key itself is never kept, logged or echoed. Thread-safe.
 */
public final class KeyRing {
  /** A caller, once its key is checked: the key and its team (null when it has none). */
  public record Principal(KeyConfig key, TeamConfig team) {
    public String id() {
      return key.id();
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, KeyConfig> byHash = new ConcurrentHashMap<>();
  private final Map<String, KeyConfig> byId = new ConcurrentHashMap<>();
  private final Map<String, TeamConfig> teams = new ConcurrentHashMap<>();

  public KeyRing(AuthConfig auth) {
    auth.teams().forEach(t -> teams.put(t.name(), t));
    auth.keys().forEach(this::put);
  }

  /** A new key to hand out once: {@code sk-sbx-} and 32 random URL-safe characters (192 bits). */
  public static String newKey() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return "sk-sbx-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Adds a key, or replaces the key of the same id (its hash may change).
   *
   * @throws IllegalArgumentException when another key has the same hash
   */
  public synchronized void put(KeyConfig key) {
    KeyConfig sameHash = byHash.get(key.sha256());
    if (sameHash != null && !sameHash.id().equals(key.id())) {
      throw new IllegalArgumentException("the same key is already given as '" + sameHash.id() + "'");
    }
    KeyConfig previous = byId.put(key.id(), key);
    if (previous != null) {
      byHash.remove(previous.sha256());
    }
    byHash.put(key.sha256(), key);
  }

  /** The key of an id, or null. */
  public KeyConfig key(String id) {
    return byId.get(id);
  }

  /** Every key, by id. */
  public List<KeyConfig> keys() {
    return byId.values().stream().sorted(java.util.Comparator.comparing(KeyConfig::id)).toList();
  }

  public void putTeam(TeamConfig team) {
    teams.put(team.name(), team);
  }

  /** The team of a name, or null. */
  public TeamConfig team(String name) {
    return teams.get(name);
  }

  /** Every team's name. */
  public java.util.Set<String> teamNames() {
    return java.util.Set.copyOf(teams.keySet());
  }

  /**
   * The caller a presented key stands for.
   *
   * @param presented the key from {@code Authorization: Bearer} or {@code x-api-key}, or null
   * @throws OpenAiError 401 {@code invalid_api_key} when it is missing, unknown or expired
   */
  public Principal authenticate(String presented, long epochMillis) {
    if (presented == null || presented.isEmpty()) {
      throw unauthorized("No API key was given: send it as 'Authorization: Bearer <key>' or 'x-api-key'.");
    }
    KeyConfig key = byHash.get(KeyHash.sha256(presented));
    if (key == null) {
      throw unauthorized("Incorrect API key provided.");
    }
    if (key.expiresAt() != null && epochMillis >= key.expiresAt().toEpochMilli()) {
      throw unauthorized("The API key '" + key.id() + "' expired at " + key.expiresAt() + ".");
    }
    return new Principal(key, key.team() == null ? null : teams.get(key.team()));
  }

  /** Stops a key working, at once (on this gateway). */
  public synchronized boolean revoke(String id) {
    KeyConfig key = byId.remove(id);
    if (key != null) {
      byHash.remove(key.sha256());
    }
    return key != null;
  }

  /**
   * Refuses (403) a request naming a model or route the caller's key or team may not use. A
   * route the caller may name chooses among its own models freely.
   */
  public static void allow(Principal caller, String requested, Routed routed) {
    for (var allowed : List.of(caller.key().models(), caller.team() == null ? java.util.Set.<String>of()
        : caller.team().models())) {
      if (!allowed.isEmpty() && !allowed.contains(requested) && !allowed.contains(routed.route())) {
        throw new OpenAiError(403, "permission_error", "model_not_allowed", "model",
            "The API key '" + caller.id() + "' may not use '" + requested + "'; it may use "
                + allowed.stream().sorted().toList() + ".");
      }
    }
  }

  private static OpenAiError unauthorized(String message) {
    return new OpenAiError(401, "invalid_request_error", "invalid_api_key", null, message);
  }
}
