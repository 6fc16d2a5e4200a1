package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthModelsAndErrorsTest {
  private static Vertx vertx;
  private static SimulatedReplica replica;

  @BeforeAll
  static void startReplica() {
    vertx = Vertx.vertx();
    ModelSpec model = new ModelSpec("sim-errors", 0, 0, 100, Set.of(Operation.CHAT, Operation.COMPLETIONS));
    replica = SimHttp.start(vertx,
        new ReplicaSpec(model, "vendor/real-name", SimHttp.profile(10, 1, 4, 4, 8), 42, 0));
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void healthFollowsSetHealthy() throws IOException {
    HttpResponse<String> ok = SimHttp.get(replica.url(), "/health");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(SimHttp.json(ok)).isEqualTo(new JsonObject().put("status", "ok"));

    replica.setHealthy(false);
    try {
      assertThat(SimHttp.get(replica.url(), "/health").statusCode()).isEqualTo(503);
      // unhealthy only changes what /health says
      assertThat(SimHttp.post(replica.url(), "/v1/chat/completions",
          SimHttp.chat("sim-errors", "still here?", null)).statusCode()).isEqualTo(200);
    } finally {
      replica.setHealthy(true);
    }
    assertThat(SimHttp.get(replica.url(), "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void modelsListsTheServedNames() throws IOException {
    JsonObject models = SimHttp.json(SimHttp.get(replica.url(), "/v1/models"));

    assertThat(models.getString("object")).isEqualTo("list");
    assertThat(models.getJsonArray("data")).hasSize(2);
    JsonObject first = models.getJsonArray("data").getJsonObject(0);
    assertThat(first.getString("id")).isEqualTo("sim-errors");
    assertThat(first.getString("object")).isEqualTo("model");
    assertThat(first.getLong("created")).isPositive();
    assertThat(first.getString("owned_by")).isNotBlank();
    assertThat(models.getJsonArray("data").getJsonObject(1).getString("id")).isEqualTo("vendor/real-name");
  }

  @Test
  void theUpstreamNameIsServedToo() throws IOException {
    HttpResponse<String> response = SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("vendor/real-name", "hello", null));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SimHttp.json(response).getString("model")).isEqualTo("vendor/real-name");
  }

  @Test
  void unknownModelIs404ModelNotFound() throws IOException {
    HttpResponse<String> response = SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("gpt-unknown", "hello", null));

    assertThat(response.statusCode()).isEqualTo(404);
    JsonObject error = SimHttp.json(response).getJsonObject("error");
    assertThat(error.getString("type")).isEqualTo("invalid_request_error");
    assertThat(error.getString("param")).isEqualTo("model");
    assertThat(error.getString("code")).isEqualTo("model_not_found");
    assertThat(error.getString("message")).contains("gpt-unknown");
  }

  @Test
  void malformedJsonIs400InOpenAiFormat() throws IOException {
    HttpResponse<String> response = SimHttp.post(replica.url(), "/v1/chat/completions", "{\"model\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = SimHttp.json(response).getJsonObject("error");
    assertThat(error.getString("type")).isEqualTo("invalid_request_error");
    assertThat(error.getString("message")).contains("parse the JSON body");
    assertThat(error.containsKey("param")).isTrue();
    assertThat(error.containsKey("code")).isTrue();
  }

  @Test
  void missingOrMistypedFieldsAre400NamingTheField() throws IOException {
    assertBadRequest("/v1/chat/completions", "{\"model\": \"sim-errors\"}", "messages");
    assertBadRequest("/v1/chat/completions", "{\"model\": \"sim-errors\", \"messages\": \"hi\"}", "messages");
    assertBadRequest("/v1/chat/completions", "{\"model\": \"sim-errors\", \"messages\": []}", "messages");
    assertBadRequest("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}", "model");
    assertBadRequest("/v1/chat/completions",
        SimHttp.chat("sim-errors", "x", "{\"max_tokens\": \"ten\"}"), "max_tokens");
    assertBadRequest("/v1/chat/completions",
        SimHttp.chat("sim-errors", "x", "{\"max_tokens\": 0}"), "max_tokens");
    assertBadRequest("/v1/chat/completions", SimHttp.chat("sim-errors", "x", "{\"stream\": \"yes\"}"), "stream");
    assertBadRequest("/v1/completions", "{\"model\": \"sim-errors\"}", "prompt");
    assertBadRequest("/v1/completions", "{\"model\": \"sim-errors\", \"prompt\": 5}", "prompt");
    assertBadRequest("/v1/chat/completions", "[1, 2]", null);
  }

  @Test
  void promptsBeyondTheContextWindowAre400() throws IOException {
    HttpResponse<String> response = SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-errors", "short", "{\"max_tokens\": 200}"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimHttp.json(response).getJsonObject("error").getString("code"))
        .isEqualTo("context_length_exceeded");
  }

  @Test
  void embeddingsOnAChatModelAndUnknownPathsAreRefused() throws IOException {
    HttpResponse<String> embeddings = SimHttp.post(replica.url(), "/v1/embeddings",
        new JsonObject().put("model", "sim-errors").put("input", "x").encode());
    assertThat(embeddings.statusCode()).isEqualTo(400);
    assertThat(SimHttp.json(embeddings).getJsonObject("error").getString("code"))
        .isEqualTo("unsupported_operation");

    HttpResponse<String> unknown = SimHttp.post(replica.url(), "/v1/images/generations", "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(SimHttp.json(unknown).getJsonObject("error").getString("message")).contains("/v1/images");

    HttpResponse<String> wrongMethod = SimHttp.get(replica.url(), "/v1/chat/completions");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
  }

  @Test
  void statsCountReceivedCompletedAndInvalid() throws IOException {
    ReplicaStats before = replica.stats();
    SimHttp.post(replica.url(), "/v1/chat/completions", SimHttp.chat("sim-errors", "count me", null));
    SimHttp.post(replica.url(), "/v1/chat/completions", "not json");
    ReplicaStats after = replica.stats();

    assertThat(after.received() - before.received()).isEqualTo(2);
    assertThat(after.completed() - before.completed()).isEqualTo(1);
    assertThat(after.invalid() - before.invalid()).isEqualTo(1);
    assertThat(after.inFlight()).isZero();
    assertThat(after.queued()).isZero();
  }

  private static void assertBadRequest(String path, String body, String param) throws IOException {
    HttpResponse<String> response = SimHttp.post(replica.url(), path, body);
    assertThat(response.statusCode()).as(body).isEqualTo(400);
    JsonObject error = SimHttp.json(response).getJsonObject("error");
    assertThat(error.getString("type")).isEqualTo("invalid_request_error");
    assertThat(error.getString("param")).as(body).isEqualTo(param);
    assertThat(error.getString("message")).isNotBlank();
  }

}
