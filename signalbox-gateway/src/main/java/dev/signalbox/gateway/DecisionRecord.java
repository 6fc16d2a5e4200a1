package dev.signalbox.gateway;

import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.upstream.AttemptLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to one request: the signals, the routing decision with its trace, every upstream
 * attempt, and the outcome (status, latency, tokens, cost). Filled in as the request proceeds;
 * read by {@code GET /v1/decisions/{id}}.
 */
public final class DecisionRecord implements AttemptLog {
  /** One try against one endpoint. */
  public record Attempt(String endpoint, String outcome, double millis) {}

  /** A move to another endpoint (or model) after a failure, with the failure that caused it. */
  public record Reroute(String from, String to, String reason) {}

  private static final String[] ANSWERED = new String[500];

  static {
    for (int i = 0; i < ANSWERED.length; i++) {
      ANSWERED[i] = "HTTP " + (100 + i);
    }
  }

  private final String requestId;
  private final long startedAtMillis;
  private final Operation operation;
  private final String requested;
  private final String route;
  private final String model;
  private final boolean stream;
  private final Map<String, Object> signals;
  private final String policy;
  private final String reason;
  private final Trace.Alternative[] alternatives;
  // Few objects: the decision history keeps a record for thousands of requests after it finished,
  // and a young collection copies every object a record holds (GC pauses 5x longer with it on);
  // so the trace is kept as its parts, the first attempt inline, and outcome texts are shared.
  private String firstEndpoint;
  private String firstOutcome;
  private double firstMillis;
  private List<Attempt> laterAttempts = List.of();
  private List<Reroute> reroutes = List.of();
  private String endpoint;
  private double firstByteMs = -1;
  private RequestOutcome outcome;
  private String clientRequestId;

  public DecisionRecord(
      String requestId,
      long startedAtMillis,
      Operation operation,
      String requested,
      String route,
      String model,
      boolean stream,
      Map<String, Object> signals,
      Trace trace) {
    this.requestId = requestId;
    this.startedAtMillis = startedAtMillis;
    this.operation = operation;
    this.requested = requested;
    this.route = route;
    this.model = model;
    this.stream = stream;
    this.signals = signals;
    this.policy = trace.policy();
    this.reason = trace.reason();
    this.alternatives = trace.alternatives().toArray(new Trace.Alternative[0]);
  }

  public String requestId() {
    return requestId;
  }

  /** The caller's own id for the request (a label: the gateway's id is the key), or null. */
  public synchronized void clientRequestId(String id) {
    this.clientRequestId = id;
  }

  public String model() {
    return model;
  }

  public String route() {
    return route;
  }

  @Override
  public synchronized void attempt(String endpointId, String outcome, double millis) {
    if (firstEndpoint == null) {
      firstEndpoint = endpointId;
      firstOutcome = outcome;
      firstMillis = millis;
      return;
    }
    if (laterAttempts.isEmpty()) {
      laterAttempts = new ArrayList<>(2);
    }
    laterAttempts.add(new Attempt(endpointId, outcome, millis));
  }

  public synchronized List<Attempt> attempts() {
    if (firstEndpoint == null) {
      return List.of();
    }
    List<Attempt> all = new ArrayList<>(1 + laterAttempts.size());
    all.add(new Attempt(firstEndpoint, firstOutcome, firstMillis));
    all.addAll(laterAttempts);
    return List.copyOf(all);
  }

  /** The outcome of an attempt that got an answer, e.g. {@code HTTP 200}. */
  public static String answered(int httpStatus) {
    return httpStatus >= 100 && httpStatus < 600 ? ANSWERED[httpStatus - 100] : "HTTP " + httpStatus;
  }

  @Override
  public synchronized void reroute(String from, String to, String reason) {
    if (reroutes.isEmpty()) {
      reroutes = new ArrayList<>(2);
    }
    reroutes.add(new Reroute(from, to, reason));
  }

  public synchronized List<Reroute> reroutes() {
    return List.copyOf(reroutes);
  }

  /** The endpoint that answered, and when its first byte came. */
  public synchronized void served(String endpointId, double firstByteMillis) {
    this.endpoint = endpointId;
    this.firstByteMs = firstByteMillis;
  }

  /** What came of the request, once it is known. */
  public synchronized void finished(RequestOutcome measured) {
    this.outcome = measured;
  }

  /** What came of the request; null while it runs. */
  public synchronized RequestOutcome outcome() {
    return outcome;
  }

  /** The record as a JSON-ready map. */
  public synchronized Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("request_id", requestId);
    if (clientRequestId != null) {
      m.put("client_request_id", clientRequestId);
    }
    m.put("created", startedAtMillis / 1000);
    m.put("operation", operation.configName());
    m.put("requested_model", requested);
    m.put("route", route);
    m.put("model", model);
    m.put("stream", stream);
    m.put("signals", signals);
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("policy", policy);
    decision.put("reason", reason);
    List<Map<String, Object>> weighed = new ArrayList<>();
    for (Trace.Alternative a : alternatives) {
      Map<String, Object> alt = new LinkedHashMap<>();
      alt.put("name", a.name());
      alt.put("model", a.model());
      alt.put("score", a.score());
      alt.put("note", a.note());
      weighed.add(alt);
    }
    decision.put("alternatives", weighed);
    m.put("decision", decision);
    List<Map<String, Object>> tries = new ArrayList<>();
    for (Attempt a : attempts()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("endpoint", a.endpoint());
      t.put("outcome", a.outcome());
      t.put("ms", round(a.millis()));
      tries.add(t);
    }
    m.put("attempts", tries);
    List<Map<String, Object>> moves = new ArrayList<>();
    for (Reroute r : reroutes) {
      Map<String, Object> move = new LinkedHashMap<>();
      move.put("from", r.from());
      move.put("to", r.to());
      move.put("reason", r.reason());
      moves.add(move);
    }
    m.put("reroutes", moves);
    RequestOutcome o = outcome;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", o == null ? null : o.servedModel());
    out.put("endpoint", endpoint);
    out.put("status", o == null ? null : o.status());
    out.put("latency_ms", o == null ? null : round(o.latencyMs()));
    out.put("first_byte_ms", firstByteMs < 0 ? null : round(firstByteMs));
    out.put("prompt_tokens", o == null || !o.hasUsage() ? null : o.promptTokens());
    out.put("completion_tokens", o == null || !o.hasUsage() ? null : o.completionTokens());
    out.put("cost_usd", o == null || !o.hasUsage() ? null : o.costUsd());
    out.put("error", o == null ? null : o.error());
    m.put("outcome", out);
    return m;
  }

  private static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
