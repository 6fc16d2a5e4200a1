package dev.signalbox.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.StateConfig;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.core.state.LearnerSnapshots;
import dev.signalbox.core.state.SharedState;
import dev.signalbox.core.state.SharedStates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The gateway's side of online learning: the routes whose policy learns ({@link LearningRouter})
 * get what the gateway measured of each request they decided (cost, latency, tokens, failure) and
 * the quality scores callers send to {@code POST /v1/feedback}; their learned state is restored
 * from the {@link SharedState} at start and written back every {@code state.snapshot_interval_ms}
 * and at shutdown.
 */
final class Learning {
  private static final Logger LOG = Logger.getLogger(Learning.class.getName());
  private static final int MAX_FEEDBACK_BYTES = 16 * 1024;

  private final Map<String, LearningRouter> learners;
  private final DecisionLog decisions;
  private final StateConfig config;
  private final SharedState store;
  private long timer = -1;

  Learning(Map<String, LearningRouter> learners, DecisionLog decisions, StateConfig config) {
    this.learners = learners;
    this.decisions = decisions;
    this.config = config;
    this.store = learners.isEmpty() ? null : SharedStates.open(config);
  }

  /** Restores every learner from its snapshot, then snapshots periodically. */
  Future<Void> start(Vertx vertx) {
    if (learners.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(LearnerSnapshots.restore(store, learners)).map(report -> {
      report.forEach((route, line) -> LOG.info("route '" + route + "': " + line));
      if (config.snapshotIntervalMs() > 0) {
        timer = vertx.setPeriodic(config.snapshotIntervalMs(), id -> vertx.executeBlocking(this::save, false));
      }
      return null;
    });
  }

  /** Writes every learner's state now (blocking until it is stored). */
  Void save() {
    if (store != null) {
      LearnerSnapshots.save(store, learners).toCompletableFuture().join();
    }
    return null;
  }

  /** Stops the timer, writes the state a last time, and stops the learners' writers. */
  Future<Void> close(Vertx vertx) {
    if (learners.isEmpty()) {
      return Future.succeededFuture();
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return vertx.executeBlocking(() -> {
      try {
        return save();
      } finally {
        learners.values().forEach(LearningRouter::close);
        store.close();
      }
    }, false);
  }

  /**
   * Feeds the request's measured outcome to its route's learner as it finishes: the gateway
   * records it (usage first) before the answer's last bytes go out, so a client that has read the
   * answer and sends its score finds the outcome there.
   */
  void watch(DecisionRecord record) {
    LearningRouter learner = learners.get(record.route());
    if (learner != null) {
      record.onFinished(r -> {
        Outcome measured = r.measuredOutcome();
        if (measured != null) {
          learner.learn(r.requestId(), measured);
        }
      });
    }
  }

  /** {@code GET /admin/learners}: per learning route, what it has learned (estimates, pheromone matrix). */
  Buffer explain() {
    List<Map<String, Object>> data = new ArrayList<>();
    learners.forEach((route, learner) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("route", route);
      entry.put("learned", learner.explain());
      data.add(entry);
    });
    return AdminApi.list(data, null);
  }

  /** {@code POST /v1/feedback {"request_id": "...", "quality": 0.8}}: a quality score in [0, 1] for a routed request. */
  void feedback(HttpServerRequest req, ClientConnections.Request hold) {
    if (req.method() != HttpMethod.POST) {
      throw AdminApi.methodNotAllowed(req, "POST");
    }
    BodyReader.read(req, hold, MAX_FEEDBACK_BYTES, body -> Responses.json(req.response(), 200, apply(body)));
  }


  private Buffer apply(byte[] body) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw OpenAiError.invalid(null, "invalid_json", "We could not parse the JSON body of your request.");
    }
    if (n == null || !n.isObject()) {
      throw OpenAiError.invalid(null, "invalid_json", "The request body must be a JSON object.");
    }
    JsonNode id = n.get("request_id");
    if (id == null || id.isNull()) {
      throw OpenAiError.invalid("request_id", "missing_required_parameter", "Missing required parameter: 'request_id'.");
    }
    if (!id.isTextual()) {
      throw OpenAiError.invalid("request_id", "invalid_type", "'request_id' must be a string, got " + kind(id) + ".");
    }
    JsonNode q = n.get("quality");
    if (q == null || q.isNull()) {
      throw OpenAiError.invalid("quality", "missing_required_parameter", "Missing required parameter: 'quality'.");
    }
    if (!q.isNumber()) {
      throw OpenAiError.invalid("quality", "invalid_type", "'quality' must be a number, got " + kind(q) + ".");
    }
    double quality = q.asDouble();
    if (!(quality >= 0 && quality <= 1)) {
      throw OpenAiError.invalid("quality", "invalid_value", "'quality' must be in [0, 1], got " + q + ".");
    }
    String requestId = id.asText();
    DecisionRecord record = decisions.get(requestId);
    String route = null;
    LearningRouter.Learned learned = LearningRouter.Learned.UNKNOWN;
    if (record != null) {
      route = record.route();
      LearningRouter learner = learners.get(route);
      if (learner == null) {
        throw OpenAiError.invalid("request_id", "invalid_value", "Request '" + requestId + "' was routed by '" + route
            + "', whose policy does not learn from feedback.");
      }
      learned = learner.learn(requestId, Outcome.feedback(quality));
      if (learned == LearningRouter.Learned.UNKNOWN) {
        throw new OpenAiError(409, "invalid_request_error", "feedback_already_applied", "request_id",
            "Request '" + requestId + "' has already been learned from (feedback counts once).");
      }
    } else {
      // the decision log may have dropped it while the learner still waits for it
      for (var e : learners.entrySet()) {
        learned = e.getValue().learn(requestId, Outcome.feedback(quality));
        if (learned != LearningRouter.Learned.UNKNOWN) {
          route = e.getKey();
          break;
        }
      }
      if (route == null) {
        throw OpenAiError.notFound("No routed request with id '" + requestId + "' is waiting for feedback.");
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("object", "feedback");
    answer.put("request_id", requestId);
    answer.put("route", route);
    answer.put("quality", quality);
    answer.put("status", learned == LearningRouter.Learned.APPLIED ? "applied" : "waiting for the request to finish");
    try {
      return Buffer.buffer(Json.MAPPER.writeValueAsBytes(answer));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String kind(JsonNode n) {
    return n.isTextual() ? "a string" : n.isBoolean() ? "a boolean" : n.isArray() ? "an array" : n.isObject() ? "an object"
        : n.isNumber() ? "a number" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
