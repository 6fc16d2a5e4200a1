package dev.signalbox.core.governance;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.AuthConfig;
import dev.signalbox.core.config.AuthConfig.KeyConfig;
import dev.signalbox.core.config.AuthConfig.TeamConfig;
import dev.signalbox.core.config.KeyHash;
import dev.signalbox.core.routing.RoutingTable.Routed;
import java.util.HashMap;
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

  private final Map<String, KeyConfig> byHash = new ConcurrentHashMap<>();
  private final Map<String, TeamConfig> teams = new HashMap<>();

  public KeyRing(AuthConfig auth) {
    auth.teams().forEach(t -> teams.put(t.name(), t));
    auth.keys().forEach(k -> byHash.put(k.sha256(), k));
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
  public boolean revoke(String id) {
    return byHash.values().removeIf(k -> k.id().equals(id));
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
