package dev.signalbox.gateway;

import dev.signalbox.core.api.Json;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.gateway.metrics.MetricsRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only endpoints: models, recent decisions, metrics, health, and what the gateway knows
 * of its endpoints, events and learners. Every list is {@code {"object": "list", "data": [...]}};
 * every time is in seconds since the epoch.
 */
final class AdminApi {
  private final GatewayState state;

  AdminApi(GatewayState state) {
    this.state = state;
  }

  /** Answers {@code path} if it is one of these endpoints; false when it is not. */
  boolean handle(HttpServerRequest req, String path) {
    switch (path) {
      case "/v1/models" -> json(req, state.modelsList);
      case "/v1/decisions" -> json(req, recentDecisions(req));
      case "/metrics" -> {
        requireGet(req);
        req.response().putHeader("content-type", MetricsRegistry.contentType()).end(state.metrics.registry().scrape());
      }
      case "/health" -> json(req, Buffer.buffer("{\"status\":\"ok\"}"));
      case "/admin/endpoints" -> json(req, endpointsJson());
      case "/admin/learners" -> json(req, state.learners.explain());
      case "/admin/events" -> json(req, eventsJson(limit(req, 200)));
      default -> {
        if (path.startsWith("/v1/models/")) {
          String id = path.substring("/v1/models/".length());
          Buffer entry = state.modelEntries.get(id);
          if (entry == null) {
            requireGet(req);
            throw OpenAiError.modelNotFound(id);
          }
          json(req, entry);
        } else if (path.startsWith("/v1/decisions/")) {
          requireGet(req);
          json(req, decision(path.substring("/v1/decisions/".length())));
        } else {
          return false;
        }
      }
    }
    return true;
  }

  private static void json(HttpServerRequest req, Buffer body) {
    requireGet(req);
    Responses.json(req.response(), 200, body);
  }

  private Buffer decision(String id) {
    DecisionRecord record = state.decisions.get(id);
    if (record == null) {
      throw OpenAiError.notFound("No decision is kept for request id '" + id + "': it is not one of the most recent "
          + state.config.server().decisionHistory() + " routed requests (a request refused before routing, "
          + "e.g. for an unknown model, has none).");
    }
    return toJson(record.toMap());
  }

  /** {@code GET /v1/decisions[?limit=N][&route=R][&model=M]}: the newest first. */
  private Buffer recentDecisions(HttpServerRequest req) {
    for (String name : req.params().names()) {
      if (!List.of("limit", "route", "model").contains(name)) {
        throw OpenAiError.invalid(name, "unknown_parameter",
            "Unknown query parameter '" + name + "'; /v1/decisions takes limit, route and model.");
      }
    }
    int limit = limit(req, 50);
    String route = req.getParam("route");
    String model = req.getParam("model");
    List<Map<String, Object>> data = new ArrayList<>();
    for (DecisionRecord r : state.decisions.recent(limit, route, model)) {
      data.add(r.toMap());
    }
    return list(data, null);
  }

  private Buffer endpointsJson() {
    long now = System.nanoTime();
    List<Map<String, Object>> data = new ArrayList<>();
    for (Endpoint e : state.upstreams.endpoints()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("model", e.model());
      m.put("url", e.url());
      m.put("state", e.health().state(now).name().toLowerCase());
      m.put("in_flight", e.inFlight());
      double firstByte = e.health().firstByteMsAverage();
      m.put("first_byte_ms_avg", Double.isNaN(firstByte) ? null : Math.round(firstByte * 10) / 10.0);
      m.put("error_rate_avg", Math.round(e.health().errorRateAverage() * 1000) / 1000.0);
      m.put("successes", e.health().totalSuccesses());
      m.put("failures", e.health().totalFailures());
      data.add(m);
    }
    return list(data, null);
  }

  private Buffer eventsJson(int limit) {
    List<Map<String, Object>> data = new ArrayList<>();
    for (var event : state.upstreams.log().recent(limit)) {
      data.add(event.toMap());
    }
    return list(data, state.upstreams.log().counts());
  }

  /** A list in the OpenAI shape; {@code counts}, where given, sits beside the data. */
  static Buffer list(List<?> data, Object counts) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "list");
    if (counts != null) {
      body.put("counts", counts);
    }
    body.put("data", data);
    return toJson(body);
  }

  static Buffer toJson(Object value) {
    try {
      return Buffer.buffer(Json.MAPPER.writeValueAsBytes(value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code limit} query parameter, 1..1000. */
  private static int limit(HttpServerRequest req, int fallback) {
    String l = req.getParam("limit");
    if (l == null) {
      return fallback;
    }
    try {
      return Math.max(1, Math.min(1000, Integer.parseInt(l)));
    } catch (NumberFormatException e) {
      throw OpenAiError.invalid("limit", "invalid_type", "'limit' must be an integer, got '" + l + "'.");
    }
  }

  static void requireGet(HttpServerRequest req) {
    if (req.method() != HttpMethod.GET) {
      throw methodNotAllowed(req, "GET");
    }
  }

  static OpenAiError methodNotAllowed(HttpServerRequest req, String allowed) {
    req.response().putHeader("allow", allowed);
    return new OpenAiError(405, "invalid_request_error", "method_not_allowed", null,
        "Method " + req.method() + " is not allowed on " + req.path() + "; use " + allowed + ".");
  }
}
