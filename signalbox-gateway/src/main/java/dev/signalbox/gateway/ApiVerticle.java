package dev.signalbox.gateway;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.api.OpenAiRequestParser;
import dev.signalbox.gateway.metrics.MetricsRegistry;
import dev.signalbox.gateway.proxy.OverheadClock;
import dev.signalbox.gateway.proxy.ProxyCall;
import dev.signalbox.gateway.proxy.ProxyHeaders;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One event loop's share of the gateway: an HTTP server on the shared port and its own upstream
 * connection pool, so a request never leaves the thread that accepted it.
 */
final class ApiVerticle extends VerticleBase {
  private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final GatewayState state;
  private final int port;
  private final int instances;
  private final AtomicInteger boundPort;
  private HttpServer server;
  private HttpClient client;

  ApiVerticle(GatewayState state, int port, int instances, AtomicInteger boundPort) {
    this.state = state;
    this.port = port;
    this.instances = instances;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    var upstream = state.config.upstream();
    client = vertx.createHttpClient(GatewayHttpOptions.client(upstream), GatewayHttpOptions.pool(upstream, instances));
    server = vertx.createHttpServer(GatewayHttpOptions.server(state.config.server(), port));
    return server.requestHandler(this::handle).listen().onSuccess(s -> boundPort.compareAndSet(0, s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    // Graceful: stop accepting, let requests in flight finish (up to the grace period).
    return server.shutdown(state.config.server().shutdownGraceMs(), TimeUnit.MILLISECONDS)
        .compose(v -> client.close());
  }

  private void handle(HttpServerRequest req) {
    long startNanos = System.nanoTime();
    String requestId = requestId(req);
    HttpServerResponse resp = req.response();
    resp.headers().add(ProxyHeaders.REQUEST_ID, requestId);
    String path = req.path();
    try {
      switch (path) {
        case "/v1/chat/completions":
          complete(req, Operation.CHAT, requestId, startNanos);
          break;
        case "/v1/completions":
          complete(req, Operation.COMPLETIONS, requestId, startNanos);
          break;
        case "/v1/embeddings":
          complete(req, Operation.EMBEDDINGS, requestId, startNanos);
          break;
        case "/v1/models":
          requireGet(req);
          sendJson(resp, 200, state.modelsList);
          break;
        case "/v1/decisions":
          requireGet(req);
          recentDecisions(req);
          break;
        case "/metrics":
          requireGet(req);
          resp.putHeader("content-type", MetricsRegistry.contentType()).end(state.metrics.registry().scrape());
          break;
        case "/health":
          requireGet(req);
          sendJson(resp, 200, Buffer.buffer("{\"status\":\"ok\"}"));
          break;
        case "/admin/endpoints":
          requireGet(req);
          sendJson(resp, 200, endpointsJson());
          break;
        default:
          if (path.startsWith("/v1/models/")) {
            requireGet(req);
            Buffer entry = state.modelEntries.get(path.substring("/v1/models/".length()));
            if (entry == null) {
              throw OpenAiError.modelNotFound(path.substring("/v1/models/".length()));
            }
            sendJson(resp, 200, entry);
          } else if (path.startsWith("/v1/decisions/")) {
            requireGet(req);
            decision(req, path.substring("/v1/decisions/".length()));
          } else {
            throw new OpenAiError(404, "invalid_request_error", "unknown_url", null,
                "Unknown request URL: " + req.method() + " " + path + ".");
          }
      }
    } catch (OpenAiError e) {
      sendError(resp, e);
    }
  }

  /** Reads the body (refusing one over the limit), then routes and proxies the request. */
  private void complete(HttpServerRequest req, Operation op, String requestId, long startNanos) {
    if (req.method() != HttpMethod.POST) {
      throw methodNotAllowed(req, "POST");
    }
    long limit = state.config.server().maxBodyBytes();
    String declared = req.getHeader("content-length");
    if (declared != null && parseLength(declared) > limit) {
      tooLarge(req, limit);
      return;
    }
    Buffer body = Buffer.buffer(declared == null ? 1024 : (int) Math.max(0, parseLength(declared)));
    boolean[] refused = {false};
    req.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        refused[0] = true;
        tooLarge(req, limit);
      } else {
        body.appendBuffer(chunk);
      }
    });
    req.exceptionHandler(t -> { });
    req.endHandler(v -> {
      if (!refused[0]) {
        try {
          proxy(req, op, body.getBytes(), requestId, startNanos);
        } catch (OpenAiError e) {
          sendError(req.response(), e);
        }
      }
    });
  }

  private void proxy(HttpServerRequest req, Operation op, byte[] body, String requestId, long startNanos) {
    OpenAiRequest parsed = OpenAiRequestParser.parse(op, body);
    RouteRequest routeRequest = new RouteRequest(
        requestId, op, parsed.model(), parsed.messages(), parsed.maxTokens(), parsed.stream(), Map.of());
    Signals signals = SignalExtractor.extract(routeRequest);
    Routed routed = state.routing.decide(routeRequest, signals)
        .orElseThrow(() -> OpenAiError.modelNotFound(parsed.model()));
    HttpServerResponse resp = req.response();
    resp.headers().add(ProxyHeaders.ROUTE, ProxyHeaders.configured(routed.route()))
        .add(ProxyHeaders.MODEL, ProxyHeaders.configured(routed.model()));
    ModelSpec spec = state.routing.catalog().get(routed.model());
    checkServes(spec, op, routed);
    if (signals.promptTokens() > spec.contextWindow()) {
      throw OpenAiError.invalid("messages", "context_length_exceeded",
          "This model's maximum context length is " + spec.contextWindow() + " tokens. However, your "
              + "messages are about " + signals.promptTokens() + " tokens (model '" + spec.name() + "').");
    }
    DecisionRecord record = new DecisionRecord(requestId, System.currentTimeMillis(), op, parsed.model(),
        routed.route(), routed.model(), parsed.stream(), signals.asMap(), routed.decision().trace());
    state.decisions.add(record);
    Pool pool = state.upstreams.pool(routed.model());
    OverheadClock clock = new OverheadClock(startNanos);
    new ProxyCall(vertx, client, state.config.upstream(), pool, spec, resp, parsed, routeRequest, record,
        clock, () -> state.metrics.proxied(routed.model(), resp.getStatusCode(), clock.ownNanos())).start();
  }

  private static void checkServes(ModelSpec spec, Operation op, Routed routed) {
    if (!spec.serves(op)) {
      String via = routed.route().equals(RoutingTable.DIRECT) ? "" : " (chosen by route '" + routed.route() + "')";
      throw OpenAiError.invalid("model", "unsupported_operation",
          "Model '" + spec.name() + "'" + via + " does not serve " + op.path() + "; it serves "
              + spec.operations().stream().map(Operation::path).sorted().toList() + ".");
    }
  }

  private void decision(HttpServerRequest req, String id) {
    DecisionRecord record = state.decisions.get(id);
    if (record == null) {
      throw OpenAiError.notFound("No decision is kept for request id '" + id + "' (only the most recent "
          + state.config.server().decisionHistory() + " are).");
    }
    sendJson(req.response(), 200, toJson(record.toMap()));
  }

  private void recentDecisions(HttpServerRequest req) {
    int limit = 50;
    String l = req.getParam("limit");
    if (l != null) {
      try {
        limit = Math.max(1, Math.min(1000, Integer.parseInt(l)));
      } catch (NumberFormatException e) {
        throw OpenAiError.invalid("limit", "invalid_type", "'limit' must be an integer, got '" + l + "'.");
      }
    }
    List<Map<String, Object>> data = new ArrayList<>();
    for (DecisionRecord r : state.decisions.recent(limit)) {
      data.add(r.toMap());
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", data);
    sendJson(req.response(), 200, toJson(list));
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
      m.put("successes", e.health().totalSuccesses());
      m.put("failures", e.health().totalFailures());
      data.add(m);
    }
    return toJson(Map.of("object", "list", "data", data));
  }

  private static Buffer toJson(Object value) {
    try {
      return Buffer.buffer(Json.MAPPER.writeValueAsBytes(value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireGet(HttpServerRequest req) {
    if (req.method() != HttpMethod.GET) {
      throw methodNotAllowed(req, "GET");
    }
  }

  private static OpenAiError methodNotAllowed(HttpServerRequest req, String allowed) {
    req.response().putHeader("allow", allowed);
    return new OpenAiError(405, "invalid_request_error", "method_not_allowed", null,
        "Method " + req.method() + " is not allowed on " + req.path() + "; use " + allowed + ".");
  }

  private static void tooLarge(HttpServerRequest req, long limit) {
    HttpServerResponse resp = req.response();
    resp.putHeader("connection", "close");
    sendError(resp, new OpenAiError(413, "invalid_request_error", "request_too_large", null,
        "The request body is larger than this gateway accepts (" + limit + " bytes)."));
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw OpenAiError.invalid(null, "invalid_header", "Content-Length is not a number: " + value);
    }
  }

  private static void sendJson(HttpServerResponse resp, int status, Buffer body) {
    resp.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  static void sendError(HttpServerResponse resp, OpenAiError e) {
    if (resp.headWritten()) {
      return;
    }
    sendJson(resp, e.status(), Buffer.buffer(e.json()));
  }

  private static String requestId(HttpServerRequest req) {
    String given = req.getHeader("x-request-id");
    if (given != null && CLIENT_REQUEST_ID.matcher(given).matches()) {
      return given;
    }
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "sbx-" + Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() >>> 16);
  }
}
