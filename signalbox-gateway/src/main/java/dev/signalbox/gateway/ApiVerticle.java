package dev.signalbox.gateway;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.api.OpenAiRequestParser;
import dev.signalbox.gateway.proxy.ActiveCalls;
import dev.signalbox.gateway.proxy.OverheadClock;
import dev.signalbox.gateway.proxy.ClientResponse;
import dev.signalbox.gateway.proxy.ProxyCall;
import dev.signalbox.gateway.proxy.ProxyContext;
import dev.signalbox.gateway.proxy.Timers;
import dev.signalbox.gateway.proxy.ProxyHeaders;
import dev.signalbox.gateway.proxy.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One event loop's share of the gateway: an HTTP server on the shared port and its own upstream
 * connection pool, so a request never leaves the thread that accepted it. It checks each request
 * (framing, host and origin), reads its body, and routes and proxies it, or hands it to the
 * feedback or read-only endpoints.
 */
final class ApiVerticle extends VerticleBase {
  private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final CharSequence CLIENT_REQUEST_ID_HEADER = HttpHeaders.createOptimized("x-client-request-id");

  private final GatewayState state;
  private final int port;
  private final int instances;
  private final AtomicInteger boundPort;
  private final RequestIds ids = new RequestIds();
  private final ActiveCalls active = new ActiveCalls();
  private final AdminApi admin;
  private final BrowserPolicy browser;
  private HttpServer server;
  private ClientConnections connections;
  private UpstreamClient client;
  /** What this event loop's proxied calls share (timers on its Netty event loop, its upstream client). */
  private ProxyContext proxies;
  private InferenceHandler inference;
  private final KeysAdmin keysAdmin;

  ApiVerticle(GatewayState state, int port, int instances, AtomicInteger boundPort) {
    this.state = state;
    this.port = port;
    this.instances = instances;
    this.boundPort = boundPort;
    this.admin = new AdminApi(state);
    this.keysAdmin = new KeysAdmin(state.governance);
    this.browser = new BrowserPolicy(state.config.server());
  }

  @Override
  public Future<?> start() {
    var upstream = state.config.upstream();
    client = state.upstreamClients.apply(UpstreamClient.onEventLoop(context,
        GatewayHttpOptions.perEventLoop(upstream, instances),
        vertx.createHttpClient(GatewayHttpOptions.client(upstream), GatewayHttpOptions.pool(upstream, instances))));
    ScheduledExecutorService loop = ((ContextInternal) context).nettyEventLoop();
    proxies = new ProxyContext(Timers.on(loop), System::nanoTime, bound -> ThreadLocalRandom.current().nextLong(bound + 1),
        client, upstream, state.upstreams, state.routing.catalog(), state.upstreamText, state.heldAnswers, active);
    inference = new InferenceHandler(state, vertx, proxies, () -> state.shutdown.inFlight(1));
    HttpServerOptions options = GatewayHttpOptions.server(state.config.server(), port);
    connections = new ClientConnections(vertx, state.config.server().timeouts(), state.bodies, state.metrics);
    server = vertx.createHttpServer(options)
        .connectionHandler(c -> connections.accepted(c, options))
        .invalidRequestHandler(this::invalid);
    return server.requestHandler(this::handle).listen().onSuccess(s -> boundPort.compareAndSet(0, s.actualPort()));
  }

  /**
   * Graceful: stops accepting and lets requests in flight finish within the grace period; those
   * still running then end with an error (an SSE error event for a stream), never a silent cut.
   */
  @Override
  public Future<?> stop() {
    long grace = state.config.server().shutdownGraceMs();
    inference.drain();
    state.shutdown.inFlight(active.size());
    long timer = vertx.setTimer(Math.max(1, grace), id -> {
      state.shutdown.cut(active.size()); // counted first: the cut calls' ends may complete the shutdown
      active.abortAll("the gateway is shutting down (server.shutdown_grace_ms of " + grace + " passed)");
    });
    return server.shutdown(grace + 1_000, TimeUnit.MILLISECONDS)
        .eventually(() -> {
          vertx.cancelTimer(timer);
          connections.close(vertx);
          return client.close();
        });
  }

  private void handle(HttpServerRequest req) {
    long startNanos = System.nanoTime();
    HttpServerResponse resp = req.response();
    String requestId = ids.next();
    resp.headers().add(ProxyHeaders.REQUEST_ID, requestId);
    String clientId = clientRequestId(req);
    if (clientId != null) {
      resp.headers().add(CLIENT_REQUEST_ID_HEADER, clientId);
    }
    String path = req.path();
    ClientConnections.Request hold = connections.started(req, req.method() == HttpMethod.POST);
    try {
      OpenAiError badFraming = HttpStrictness.check(req);
      if (badFraming != null) {
        hold.refuseAndClose(badFraming);
        return;
      }
      if (!browser.admit(req)) {
        return;
      }
      switch (path) {
        case "/v1/chat/completions" -> inference.handle(req, hold, Operation.CHAT, requestId, clientId, startNanos,
            state.governance.caller(req));
        case "/v1/completions" -> inference.handle(req, hold, Operation.COMPLETIONS, requestId, clientId, startNanos,
            state.governance.caller(req));
        case "/v1/embeddings" -> inference.handle(req, hold, Operation.EMBEDDINGS, requestId, clientId, startNanos,
            state.governance.caller(req));
        case "/v1/feedback" -> {
          state.governance.caller(req);
          state.feedback.handle(req, hold);
        }
        default -> {
          if (path.startsWith("/admin/") || path.startsWith("/v1/decisions")) {
            state.governance.requireAdmin(req);
            if (keysAdmin.handle(req, hold, path)) {
              return;
            }
          } else if (path.startsWith("/v1/")) {
            state.governance.caller(req);
          }
          if (!admin.handle(req, path)) {
            throw new OpenAiError(404, "invalid_request_error", "unknown_url", null,
                "Unknown request URL: " + req.method() + " " + path + ".");
          }
        }
      }
    } catch (OpenAiError e) {
      hold.refuse(e);
    }
  }

  /** A request Netty could not decode (or that smuggles a second framing): 400 and close. */
  private void invalid(HttpServerRequest req) {
    Throwable cause = req.decoderResult().cause();
    if (cause instanceof IllegalArgumentException && !(cause instanceof NumberFormatException)) {
      state.metrics.refused("invalid_framing");
      Responses.refuseAndClose(req, new OpenAiError(400, "invalid_request_error", "invalid_framing", null,
          "The request is framed ambiguously: " + cause.getMessage() + "."));
    } else {
      HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(req);
    }
  }

  /** The caller's own id for the request (x-client-request-id, or x-request-id), if it is sane: a label only. */
  private static String clientRequestId(HttpServerRequest req) {
    String given = req.getHeader(CLIENT_REQUEST_ID_HEADER);
    if (given == null) {
      given = req.getHeader(ProxyHeaders.REQUEST_ID);
    }
    return given != null && CLIENT_REQUEST_ID.matcher(given).matches() ? given : null;
  }
}
