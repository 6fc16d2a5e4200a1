package dev.signalbox.gateway;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.api.OpenAiRequestParser;
import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.governance.KeyRing.Principal;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.gateway.proxy.CallObserver;
import dev.signalbox.gateway.proxy.ClientResponse;
import dev.signalbox.gateway.proxy.OverheadClock;
import dev.signalbox.gateway.proxy.ProxyCall;
import dev.signalbox.gateway.proxy.ProxyContext;
import dev.signalbox.gateway.proxy.ProxyHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code /v1/chat/completions}, {@code /v1/completions} and {@code /v1/embeddings} on one event
 * loop: the body read and parsed in one pass, its signals (the prompt embedding on a worker, when
 * the route asks for one), the route's decision, the admission check, the decision record, and
 * the proxied call.
 */
final class InferenceHandler {
  /** The least budget left to the caller once this request's worst case is held. */
  static final String BUDGET_REMAINING = "x-signalbox-budget-remaining-usd";
  /** What the request was charged (answers held whole; a stream's head goes out before its cost is known). */
  static final String COST = "x-signalbox-cost-usd";
  private final GatewayState state;
  private final Vertx vertx;
  private final ProxyContext proxies;
  /** Counts a call that starts while the event loop drains for a shutdown. */
  private final Runnable startedWhileDraining;
  private boolean draining;

  InferenceHandler(GatewayState state, Vertx vertx, ProxyContext proxies, Runnable startedWhileDraining) {
    this.state = state;
    this.vertx = vertx;
    this.proxies = proxies;
    this.startedWhileDraining = startedWhileDraining;
  }

  /** From now on, calls that still start (on connections already open) count as drained ones. */
  void drain() {
    draining = true;
  }

  /** Reads the body (refusing one over the limit), then routes and proxies the request. */
  void handle(HttpServerRequest req, ClientConnections.Request hold, Operation op, String requestId, String clientId,
      long startNanos, Principal caller) {
    if (req.method() != HttpMethod.POST) {
      throw AdminApi.methodNotAllowed(req, "POST");
    }
    BodyReader.read(req, hold, state.config.server().maxBodyBytes(),
        body -> signals(req, hold, op, body, requestId, clientId, startNanos, caller));
  }

  private void signals(HttpServerRequest req, ClientConnections.Request hold, Operation op, byte[] body,
      String requestId, String clientId, long startNanos, Principal caller) {
    OpenAiRequest parsed = OpenAiRequestParser.parse(op, body);
    RouteRequest routeRequest = new RouteRequest(
        requestId, op, parsed.model(), parsed.messages(), parsed.maxTokens(), parsed.stream(), Map.of());
    Signals signals = SignalExtractor.extract(routeRequest);
    Optional<Embedder> embedder = state.routing.embedderFor(parsed.model());
    if (embedder.isEmpty()) {
      route(req, parsed, routeRequest, signals, null, clientId, startNanos, caller);
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
              route(req, parsed, routeRequest, signals.withEmbedding(ar.result()), null, clientId, startNanos, caller);
            } else {
              String why = ar.cause() instanceof java.util.concurrent.TimeoutException
                  ? "timed out after " + limitMs + " ms" : "failed: " + ar.cause().getMessage();
              route(req, parsed, routeRequest, signals, "prompt embedding " + why, clientId, startNanos, caller);
            }
          } catch (OpenAiError e) {
            hold.refuse(e);
          }
        });
  }

  /** Decides the model (noting a missing signal in the trace), checks it can take the request, and proxies it. */
  private void route(HttpServerRequest req, OpenAiRequest parsed, RouteRequest routeRequest, Signals signals,
      String missingSignal, String clientId, long startNanos, Principal caller) {
    Routed routed = state.routing.decide(routeRequest, signals)
        .orElseThrow(() -> OpenAiError.modelNotFound(parsed.model()));
    if (missingSignal != null) {
      routed = routed.noted(missingSignal);
    }
    HttpServerResponse resp = req.response();
    resp.headers().add(ProxyHeaders.ROUTE, ProxyHeaders.configured(routed.route()))
        .add(ProxyHeaders.MODEL, ProxyHeaders.configured(routed.model()));
    state.routing.admit(routed, routeRequest, signals.promptTokens());
    Governance.Admission admission = state.governance.admit(caller, routeRequest.id(), parsed.model(), routed, state.routing.catalog(),
        signals.promptTokens(), routeRequest.maxTokens());
    if (caller != null && admission.remainingUsd() != Double.POSITIVE_INFINITY) {
      resp.headers().add(BUDGET_REMAINING, String.format(java.util.Locale.ROOT, "%.6f", admission.remainingUsd()));
    }
    // the configured name where the client's is the same: the history then holds no copy of it
    String requested = parsed.model().equals(routed.route()) ? routed.route()
        : parsed.model().equals(routed.model()) ? routed.model() : parsed.model();
    DecisionRecord record = new DecisionRecord(routeRequest.id(), System.currentTimeMillis(), routeRequest.operation(),
        requested, routed.route(), routed.model(), parsed.stream(), signals.asMap(), routed.decision().trace());
    record.clientRequestId(clientId);
    state.decisions.add(record);
    OverheadClock clock = new OverheadClock(startNanos);
    String model = routed.model();
    new ProxyCall(proxies, ClientResponse.of(resp), parsed, routeRequest, signals.promptTokens(), routed, record, clock,
        new CallObserver() {
          @Override
          public void settled(RequestOutcome outcome) {
            double charged = admission.end(outcome);
            if (caller != null && !resp.headWritten()) { // a held answer: its head goes out with its body
              resp.headers().add(COST, String.format(java.util.Locale.ROOT, "%.8f", charged));
            }
            record.finished(outcome);
            state.learners.measured(record, outcome);
          }

          @Override
          public void done() {
            state.metrics.proxied(model, resp.getStatusCode(), clock.ownNanos());
          }
        }).start();
    if (draining) {
      startedWhileDraining.run();
    }
  }
}
