package dev.signalbox.gateway;

import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.api.Json;
import dev.signalbox.gateway.metrics.GatewayMetrics;
import dev.signalbox.gateway.proxy.UpstreamClient;
import dev.signalbox.gateway.proxy.UpstreamText;
import dev.signalbox.core.upstream.Upstreams;
import java.util.function.UnaryOperator;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every event loop of the gateway shares: configuration, routes, pools, recent decisions,
 * metrics, learners.
 */
final class GatewayState {
  final SignalboxConfig config;
  final RoutingTable routing;
  final Upstreams upstreams;
  final DecisionLog decisions;
  final GatewayMetrics metrics;
  final Learners learners;
  final FeedbackHandler feedback;
  /** Callers' keys, budgets and limits (open when the configuration has no auth:). */
  final Governance governance;
  /** The bytes of every request body being read or held, across event loops. */
  final MemoryBudget bodies;
  final ShutdownTally shutdown = new ShutdownTally();
  /** Scrubs upstream text of the endpoints' keys before it is copied anywhere. */
  final UpstreamText upstreamText;
  /** The bytes of every answer held whole at once, across event loops. */
  final MemoryBudget heldAnswers;
  final Buffer modelsList;
  final Map<String, Buffer> modelEntries = new LinkedHashMap<>();

  /** Wraps each event loop's upstream client (the identity but in tests that inject failures). */
  final UnaryOperator<UpstreamClient> upstreamClients;

  GatewayState(SignalboxConfig config, UnaryOperator<UpstreamClient> upstreamClients) {
    this.config = config;
    this.upstreamClients = upstreamClients;
    this.routing = RoutingTable.from(config);
    this.upstreams = Upstreams.from(config);
    this.decisions = new DecisionLog(config.server().decisionHistory());
    this.metrics = new GatewayMetrics(routing.catalog().names(), upstreams.endpoints());
    upstreams.log().countInto(metrics::resilienceEvent);
    this.learners = new Learners(routing.learners(), config.state());
    this.feedback = new FeedbackHandler(learners, decisions);
    this.governance = new Governance(config.auth(), config.server().decisionHistory());
    this.modelsList = buildModels();
    this.bodies = new MemoryBudget(config.server().maxTotalBodyBytes());
    this.upstreamText = new UpstreamText(upstreams.secrets());
    this.heldAnswers = new MemoryBudget(config.upstream().maxTotalHeldBytes());
    metrics.memory("signalbox_request_body_bytes", "Bytes of request bodies being read or held for their requests.",
        bodies);
    metrics.memory("signalbox_held_answer_bytes", "Bytes of upstream answers held whole until complete.",
        heldAnswers);
  }

  /** How a shutdown went: requests in flight when it began, and those cut when its grace period ended. */
  static final class ShutdownTally {
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger cut = new java.util.concurrent.atomic.AtomicInteger();

    void inFlight(int n) {
      inFlight.addAndGet(n);
    }

    void cut(int n) {
      cut.addAndGet(n);
    }

    String summary(long graceMs) {
      int all = inFlight.get();
      int stopped = cut.get();
      return "shutdown: " + all + (all == 1 ? " request was" : " requests were") + " in flight; "
          + (all - stopped) + " finished, " + stopped + " cut with an error after the grace period ("
          + graceMs + " ms, server.shutdown_grace_ms)";
    }
  }

  /** The OpenAI model list, with models and routes, and Signalbox's facts about each. */
  private Buffer buildModels() {
    long created = System.currentTimeMillis() / 1000;
    List<Map<String, Object>> data = new ArrayList<>();
    for (ModelSpec spec : routing.catalog().all()) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("kind", "model");
      facts.put("input_price_per_1m", spec.inputPricePerMillion());
      facts.put("output_price_per_1m", spec.outputPricePerMillion());
      facts.put("context_window", spec.contextWindow());
      List<String> ops = new ArrayList<>();
      for (Operation op : spec.operations()) {
        ops.add(op.configName());
      }
      facts.put("operations", ops);
      facts.put("endpoints", upstreams.pool(spec.name()).endpoints().size());
      data.add(entry(spec.name(), created, "signalbox", facts));
    }
    for (var route : config.routes()) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("kind", "route");
      facts.put("policy", route.policy());
      facts.put("default", route.name().equals(routing.defaultRoute()));
      data.add(entry(route.name(), created, "signalbox-route", facts));
    }
    if (!routing.routeNames().contains(RoutingTable.AUTO)) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("kind", "alias");
      facts.put("target", routing.defaultRoute());
      data.add(entry(RoutingTable.AUTO, created, "signalbox-route", facts));
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", data);
    try {
      for (Map<String, Object> e : data) {
        modelEntries.put((String) e.get("id"), Buffer.buffer(Json.MAPPER.writeValueAsBytes(e)));
      }
      return Buffer.buffer(Json.MAPPER.writeValueAsBytes(list));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> entry(String id, long created, String owner, Map<String, Object> facts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("object", "model");
    m.put("created", created);
    m.put("owned_by", owner);
    m.put("signalbox", facts);
    return m;
  }
}
