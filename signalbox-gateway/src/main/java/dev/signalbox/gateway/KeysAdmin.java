package dev.signalbox.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.AuthConfig;
import dev.signalbox.core.config.AuthConfig.KeyConfig;
import dev.signalbox.core.config.AuthConfig.TeamConfig;
import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.governance.KeyRing;
import dev.signalbox.core.governance.SpendLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API for keys, teams and spend (behind the master key): {@code POST /admin/keys} makes
 * a key and shows it once; {@code GET}, {@code PATCH}, {@code DELETE /admin/keys/{id}}; {@code POST
 * /admin/teams}, {@code GET /admin/teams/{name}}; {@code GET /admin/spend?group_by=key|team|model|day}
 * and {@code GET /admin/spend/records} (JSON lines). Bodies take the keys of the configuration's
 * {@code keys:} and {@code teams:} entries and are checked by the same code.
 */
final class KeysAdmin {
  private static final int MAX_BODY = 64 * 1024;
  private static final Set<String> NOT_YET = Set.of("rpm", "tpm");

  private final Governance governance;

  KeysAdmin(Governance governance) {
    this.governance = governance;
  }

  /** Answers {@code path} if it is one of these endpoints; false when it is not. */
  boolean handle(HttpServerRequest req, ClientConnections.Request hold, String path) {
    if ((path.startsWith("/admin/keys") || path.startsWith("/admin/teams")) && !governance.enabled()) {
      throw OpenAiError.invalid(null, "auth_disabled",
          "Auth is off, so keys would not be asked for: add auth: (with master_key) to the configuration.");
    }
    if (path.equals("/admin/keys")) {
      if (req.method() == HttpMethod.GET) {
        respond(req, 200, AdminApi.list(governance.keys().keys().stream().map(this::view).toList(), null));
      } else {
        requireMethod(req, HttpMethod.POST, "GET, POST");
        body(req, hold, body -> respond(req, 200, create(body)));
      }
    } else if (path.startsWith("/admin/keys/")) {
      String id = path.substring("/admin/keys/".length());
      KeyConfig key = existing(id);
      if (req.method() == HttpMethod.GET) {
        respond(req, 200, AdminApi.toJson(view(key)));
      } else if (req.method() == HttpMethod.DELETE) {
        governance.keys().revoke(id);
        respond(req, 200, AdminApi.toJson(Map.of("id", id, "object", "key", "deleted", true)));
      } else {
        requireMethod(req, HttpMethod.PATCH, "GET, PATCH, DELETE");
        body(req, hold, body -> respond(req, 200, update(key, body)));
      }
    } else if (path.equals("/admin/teams")) {
      requireMethod(req, HttpMethod.POST, "POST");
      body(req, hold, body -> respond(req, 200, createTeam(body)));
    } else if (path.startsWith("/admin/teams/")) {
      AdminApi.requireGet(req);
      TeamConfig team = governance.keys().team(path.substring("/admin/teams/".length()));
      if (team == null) {
        throw OpenAiError.notFound("No team '" + path.substring("/admin/teams/".length()) + "'.");
      }
      respond(req, 200, AdminApi.toJson(view(team)));
    } else if (path.equals("/admin/spend")) {
      AdminApi.requireGet(req);
      String by = req.getParam("group_by", "key");
      SpendLog.GroupBy groupBy = SpendLog.GroupBy.of(by);
      if (groupBy == null) {
        throw OpenAiError.invalid("group_by", "invalid_value", "'group_by' must be key, team, model or day, got '"
            + by + "'.");
      }
      respond(req, 200, AdminApi.list(governance.spend().totals(groupBy).stream().map(t -> total(by, t)).toList(),
          null));
    } else if (path.equals("/admin/spend/records")) {
      AdminApi.requireGet(req);
      StringBuilder lines = new StringBuilder();
      for (SpendLog.SpendRecord r : governance.spend().recent()) {
        lines.append(AdminApi.toJson(record(r))).append('\n');
      }
      req.response().putHeader("content-type", "application/x-ndjson").end(lines.toString());
    } else {
      return false;
    }
    return true;
  }

  private Buffer create(byte[] body) {
    ObjectNode n = object(body);
    String key = KeyRing.newKey();
    if (!n.has("id")) {
      n.put("id", "key-" + key.substring(key.length() - 12).replaceAll("[^A-Za-z0-9]", "x"));
    }
    if (n.has("key") || n.has("key_sha256")) {
      throw OpenAiError.invalid("key", "invalid_value", "The gateway makes the key; do not send one.");
    }
    if (governance.keys().key(n.path("id").asText()) != null) {
      throw new OpenAiError(409, "invalid_request_error", "key_exists", "id",
          "A key with id '" + n.path("id").asText() + "' already exists.");
    }
    n.put("key", key);
    KeyConfig parsed = parseKey(n);
    governance.keys().put(parsed);
    Map<String, Object> shown = view(parsed);
    shown.put("key", key); // shown this once; only its hash is kept
    return AdminApi.toJson(shown);
  }

  private Buffer update(KeyConfig key, byte[] body) {
    ObjectNode patch = object(body);
    if (patch.has("id") || patch.has("key") || patch.has("key_sha256")) {
      throw OpenAiError.invalid("id", "invalid_value", "A key's id and secret cannot change; make a new key.");
    }
    ObjectNode merged = Json.MAPPER.valueToTree(asConfig(key));
    merged.setAll(patch);
    merged.put("key_sha256", key.sha256());
    KeyConfig updated = parseKey(merged);
    governance.keys().put(updated);
    return AdminApi.toJson(view(updated));
  }

  private Buffer createTeam(byte[] body) {
    ObjectNode n = object(body);
    TeamConfig team;
    try {
      team = AuthConfig.team(new ConfigNode(n, ""));
    } catch (ConfigException e) {
      throw invalid(e);
    }
    if (governance.keys().team(team.name()) != null) {
      throw new OpenAiError(409, "invalid_request_error", "team_exists", "name",
          "A team named '" + team.name() + "' already exists.");
    }
    governance.keys().putTeam(team);
    return AdminApi.toJson(view(team));
  }

  private KeyConfig parseKey(ObjectNode n) {
    try {
      return AuthConfig.key(new ConfigNode(n, ""), governance.keys().teamNames());
    } catch (ConfigException e) {
      throw invalid(e);
    }
  }

  private KeyConfig existing(String id) {
    KeyConfig key = governance.keys().key(id);
    if (key == null) {
      throw OpenAiError.notFound("No key '" + id + "' (or it was deleted).");
    }
    return key;
  }

  /** What the admin API shows of a key: never the key, nor its hash. */
  private Map<String, Object> view(KeyConfig k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("object", "key");
    m.put("team", k.team());
    m.put("budget_usd", k.budget() == null ? null : k.budget().usd());
    m.put("budget_period", k.budget() == null || k.budget().period() == null ? null : period(k));
    double spent = governance.spentUsd("key:" + k.id());
    m.put("spend_usd", spent);
    m.put("remaining_usd", k.budget() == null ? null : Math.max(0, k.budget().usd() - spent));
    m.put("total_spend_usd", governance.spend().spentUsd(k.id()));
    m.put("models", k.models().stream().sorted().toList());
    m.put("max_parallel", k.maxParallel());
    m.put("expires_at", k.expiresAt() == null ? null : k.expiresAt().toString());
    m.put("metadata", k.metadata());
    return m;
  }

  private Map<String, Object> view(TeamConfig t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("object", "team");
    m.put("budget_usd", t.budget() == null ? null : t.budget().usd());
    double spent = governance.spentUsd("team:" + t.name());
    m.put("spend_usd", spent);
    m.put("remaining_usd", t.budget() == null ? null : Math.max(0, t.budget().usd() - spent));
    m.put("models", t.models().stream().sorted().toList());
    return m;
  }

  private static Map<String, Object> total(String by, SpendLog.Total t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(by, t.group());
    m.put("spend_usd", t.spendUsd());
    m.put("requests", t.requests());
    m.put("prompt_tokens", t.promptTokens());
    m.put("completion_tokens", t.completionTokens());
    return m;
  }

  private static Map<String, Object> record(SpendLog.SpendRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", r.epochMillis() / 1000.0);
    m.put("request_id", r.requestId());
    m.put("key", r.key());
    m.put("team", r.team());
    m.put("model", r.model());
    m.put("route", r.route());
    m.put("prompt_tokens", r.promptTokens());
    m.put("completion_tokens", r.completionTokens());
    m.put("cost_usd", r.costUsd());
    m.put("latency_ms", r.latencyMs());
    m.put("status", r.status());
    return m;
  }

  /** A key as the configuration would write it (for a PATCH to merge into). */
  private static Map<String, Object> asConfig(KeyConfig k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    if (k.team() != null) {
      m.put("team", k.team());
    }
    if (k.budget() != null) {
      m.put("budget_usd", k.budget().usd());
      if (k.budget().period() != null) {
        m.put("budget_period", period(k));
      }
    }
    m.put("models", List.copyOf(k.models()));
    m.put("max_parallel", k.maxParallel());
    if (k.expiresAt() != null) {
      m.put("expires_at", k.expiresAt().toString());
    }
    m.put("metadata", k.metadata());
    return m;
  }

  private static String period(KeyConfig k) {
    return k.budget().period().toMinutes() + "m";
  }

  private static ObjectNode object(byte[] body) {
    ObjectNode n = BodyReader.object(body);
    for (String field : NOT_YET) {
      if (n.has(field)) {
        throw OpenAiError.invalid(field, "unsupported_parameter",
            "Rate limits (rpm, tpm) are not there yet; budget_usd and max_parallel are.");
      }
    }
    n.fields().forEachRemaining(e -> {
      if (e.getValue().isNull()) {
        throw OpenAiError.invalid(e.getKey(), "invalid_value", "'" + e.getKey() + "' must not be null; leave it out.");
      }
    });
    return n;
  }

  private static OpenAiError invalid(ConfigException e) {
    return OpenAiError.invalid(e.path().isEmpty() ? null : e.path(), "invalid_value", e.getMessage());
  }

  private static void requireMethod(HttpServerRequest req, HttpMethod method, String allowed) {
    if (req.method() != method) {
      throw AdminApi.methodNotAllowed(req, allowed);
    }
  }

  private static void body(HttpServerRequest req, ClientConnections.Request hold, java.util.function.Consumer<byte[]> then) {
    BodyReader.read(req, hold, MAX_BODY, then::accept);
  }

  private static void respond(HttpServerRequest req, int status, Buffer json) {
    Responses.json(req.response(), status, json);
  }
}
