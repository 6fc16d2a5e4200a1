package dev.signalbox.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/feedback}: a caller's quality score for a request a learning route decided,
 * validated as OpenAI validates parameters, applied once.
 */
final class FeedbackHandler {
  private static final int MAX_FEEDBACK_BYTES = 16 * 1024;

  private final Learners learners;
  private final DecisionLog decisions;

  FeedbackHandler(Learners learners, DecisionLog decisions) {
    this.learners = learners;
    this.decisions = decisions;
  }

  /** {@code POST /v1/feedback {"request_id": "...", "quality": 0.8}}: a quality score in [0, 1] for a routed request. */
  void handle(HttpServerRequest req, ClientConnections.Request hold) {
    if (req.method() != HttpMethod.POST) {
      throw AdminApi.methodNotAllowed(req, "POST");
    }
    BodyReader.read(req, hold, MAX_FEEDBACK_BYTES, body -> Responses.json(req.response(), 200, apply(body)));
  }


  private Buffer apply(byte[] body) {
    JsonNode n = BodyReader.object(body);
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
      LearningRouter learner = learners.of(route);
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
      for (var e : learners.all().entrySet()) {
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
