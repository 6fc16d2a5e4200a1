package dev.signalbox.gateway;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.core.signal.Embedder;
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
import dev.signalbox.gateway.proxy.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
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
  private UpstreamClient client;
  /** The Netty event loop under this verticle's context: the proxied calls' timers run on it. */
  private ScheduledExecutorService loop;

  ApiVerticle(GatewayState state, int port, int instances, AtomicInteger boundPort) {
    this.state = state;
    this.port = port;
    this.instances = instances;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    var upstream = state.config.upstream();
    loop = ((ContextInternal) context).nettyEventLoop();
    client = UpstreamClient.onEventLoop(context, GatewayHttpOptions.perEventLoop(upstream, instances),
        vertx.createHttpClient(GatewayHttpOptions.client(upstream), GatewayHttpOptions.pool(upstream, instances)));
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
        case "/v1/feedback":
          state.learning.feedback(req);
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
        case "/admin/learners":
          requireGet(req);
          sendJson(resp, 200, state.learning.explain());
          break;
        case "/admin/events":
          requireGet(req);
          sendJson(resp, 200, eventsJson(limit(req, 200)));
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
    Optional<Embedder> embedder = state.routing.embedderFor(parsed.model());
    if (embedder.isEmpty()) {
      route(req, parsed, routeRequest, signals, null, startNanos);
      return;
    }
    // The embedding is expensive: compute it on a worker, under the signal time limit, and fail
    // open (the policy's fallback model, with the reason in the trace) when it is late or fails.
    long limitMs = state.config.server().signalTimeoutMs();
    vertx.executeBlocking(() -> embedder.get().embed(signals.text()), false)
        .timeout(limitMs, TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          try {
            if (ar.succeeded()) {
              route(req, parsed, routeRequest, signals.withEmbedding(ar.result()), null, startNanos);
            } else {
              String why = ar.cause() instanceof java.util.concurrent.TimeoutException
                  ? "timed out after " + limitMs + " ms" : "failed: " + ar.cause().getMessage();
              route(req, parsed, routeRequest, signals, "prompt embedding " + why, startNanos);
            }
          } catch (OpenAiError e) {
            sendError(req.response(), e);
          }
        });
  }

  /** Decides the model (noting a missing signal in the trace) and starts the upstream call. */
  private void route(HttpServerRequest req, OpenAiRequest parsed, RouteRequest routeRequest, Signals signals,
      String missingSignal, long startNanos) {
    Operation op = routeRequest.operation();
    Routed routed = state.routing.decide(routeRequest, signals)
        .orElseThrow(() -> OpenAiError.modelNotFound(parsed.model()));
    if (missingSignal != null) {
      routed = new Routed(routed.route(), new Decision(routed.model(), routed.decision().trace().withNote(missingSignal)),
          routed.fallbacks());
    }
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
    // the configured name where the client's is the same: the history then holds no copy of it
    String requested = parsed.model().equals(routed.route()) ? routed.route()
        : parsed.model().equals(routed.model()) ? routed.model() : parsed.model();
    DecisionRecord record = new DecisionRecord(routeRequest.id(), System.currentTimeMillis(), op, requested,
        routed.route(), routed.model(), parsed.stream(), signals.asMap(), routed.decision().trace());
    state.decisions.add(record);
    state.learning.watch(record, context);
    OverheadClock clock = new OverheadClock(startNanos);
    String model = routed.model();
    new ProxyCall(loop, client, state.config.upstream(), state.upstreams, state.routing.catalog(), resp, parsed,
        routeRequest, signals.promptTokens(), routed, record, clock,
        () -> state.metrics.proxied(model, resp.getStatusCode(), clock.ownNanos())).start();
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
    int limit = limit(req, 50);
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
      double firstByte = e.health().firstByteMsAverage();
      m.put("first_byte_ms_avg", Double.isNaN(firstByte) ? null : Math.round(firstByte * 10) / 10.0);
      m.put("error_rate_avg", Math.round(e.health().errorRateAverage() * 1000) / 1000.0);
      m.put("successes", e.health().totalSuccesses());
      m.put("failures", e.health().totalFailures());
      data.add(m);
    }
    return toJson(Map.of("object", "list", "data", data));
  }

  private Buffer eventsJson(int limit) {
    List<Map<String, Object>> data = new ArrayList<>();
    for (var event : state.upstreams.log().recent(limit)) {
      data.add(event.toMap());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "list");
    body.put("counts", state.upstreams.log().counts());
    body.put("data", data);
    return toJson(body);
  }

  private static Buffer toJson(Object value) {
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
