package dev.signalbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.signalbox.core.api.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online learning through the gateway over loopback HTTP: an ε-greedy route (ε = 0: each model
 * once, then the best estimate; updates inline, so each is applied before the next request) learns from {@code POST /v1/feedback} scores and from the
 * gateway's own measurements, its state survives a restart through the file store, and bad
 * feedback gets OpenAI-format errors.
 */
class FeedbackIT {
  @TempDir
  Path stateDir;

  private String config() {
    return GatewayFixture.BASE_CONFIG + """
          - name: online
            policy: epsilon-greedy
            models: [small, large]
            lambda: 0.2
            epsilon: 0
            epsilon_min: 0
            seed: 3
            async_updates: false
          - name: implicit
            policy: linucb
            models: [small, large]
            implicit_quality: 1.0
        state: {store: file, path: %s, snapshot_interval_ms: 0}
        """.formatted(stateDir.toString().replace("\\", "/"));
  }

  @Test
  void feedbackScores_teachTheRouteWhichModelAnswersWell_andSurviveARestart() throws Exception {
    List<String> chosen = new ArrayList<>();
    try (GatewayFixture fx = GatewayFixture.start(config(), Map.of())) {
      for (int i = 0; i < 8; i++) {
        HttpResponseFor<ChatCompletion> raw = fx.openai.chat().completions().withRawResponse()
            .create(ChatCompletionCreateParams.builder().model("online").addUserMessage("question " + i).build());
        raw.parse();
        String id = raw.headers().values("x-request-id").get(0);
        String model = raw.headers().values("x-signalbox-model").get(0);
        chosen.add(model);
        fx.finishedDecision(id);
        HttpResponse<String> fb = feedback(fx, id, model.equals("large") ? 1.0 : 0.0);
        assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);
        JsonNode answer = GatewayFixture.json(fb.body());
        assertThat(answer.path("object").asText()).isEqualTo("feedback");
        assertThat(answer.path("route").asText()).isEqualTo("online");
      }
      // each model once (the untried first), then only the one that scored well
      assertThat(chosen.subList(0, 2)).containsExactlyInAnyOrder("small", "large");
      assertThat(chosen.subList(2, 8)).containsOnly("large");
      JsonNode learners = GatewayFixture.json(fx.get("/admin/learners").body()).path("data");
      assertThat(learners.isArray()).isTrue();
      assertThat(learners.get(0).path("route").asText()).isEqualTo("online");
      JsonNode learned = learners.get(0).path("learned");
      assertThat(learned.path("policy").asText()).isEqualTo("epsilon-greedy");
      assertThat(learned.path("models").path("large").path("observations").asDouble()).isCloseTo(6.793, within(0.001)); // 7 answers, each kept 0.99 per later one: Σ 0.99^k
      HttpResponse<String> again = feedback(fx, lastId(fx), 1.0);
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(error(again).path("param").asText()).isEqualTo("request_id");
    }
    assertThat(Files.list(stateDir).map(p -> p.getFileName().toString())).contains("learners%2Fonline.state");

    try (GatewayFixture fx = GatewayFixture.start(config(), Map.of())) {
      HttpResponse<String> r = fx.post("/v1/chat/completions", GatewayFixture.chat("online", "after the restart"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-signalbox-model")).hasValue("large");
      JsonNode trace = fx.decision(r.headers().firstValue("x-request-id").orElseThrow()).path("decision");
      assertThat(trace.path("reason").asText()).startsWith("best estimate");
    }
  }

  @Test
  void measuredOutcomes_areLearnedWithoutFeedback() throws Exception {
    try (GatewayFixture fx = GatewayFixture.start(config(), Map.of())) {
      for (int i = 0; i < 4; i++) {
        HttpResponse<String> r = fx.post("/v1/chat/completions", GatewayFixture.chat("implicit", "hello " + i));
        assertThat(r.statusCode()).isEqualTo(200);
        fx.finishedDecision(r.headers().firstValue("x-request-id").orElseThrow());
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      String notes = "";
      while (System.nanoTime() < deadline) {
        HttpResponse<String> r = fx.post("/v1/chat/completions", GatewayFixture.chat("implicit", "how much was learned"));
        notes = fx.decision(r.headers().firstValue("x-request-id").orElseThrow()).path("decision").path("alternatives")
            .toString();
        if (observations(notes) >= 4) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(observations(notes)).as(notes).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void feedbackSentAsSoonAsTheAnswerIsRead_isApplied_notWaiting() {
    try (GatewayFixture fx = GatewayFixture.start(config(), Map.of())) {
      for (int i = 0; i < 20; i++) {
        for (boolean stream : new boolean[] {false, true}) {
          HttpResponse<String> r = fx.post("/v1/chat/completions", "{\"model\":\"online\",\"stream\":" + stream
              + ",\"messages\":[{\"role\":\"user\",\"content\":\"question " + i + "\"}]}");
          assertThat(r.statusCode()).isEqualTo(200);
          HttpResponse<String> fb = feedback(fx, r.headers().firstValue("x-request-id").orElseThrow(), 0.7);
          assertThat(fb.statusCode()).as(fb.body()).isEqualTo(200);
          assertThat(GatewayFixture.json(fb.body()).path("status").asText()).as("stream " + stream).isEqualTo("applied");
        }
      }
    }
  }

  @Test
  void feedbackSentOnTheStreamsLastEvent_isApplied_beforeTheUpstreamEndsTheBody() throws Exception {
    try (MisbehavingUpstream upstream = new MisbehavingUpstream()) {
      String yaml = "server: {port: 0}\nupstream: {health_check: {enabled: false}}\nmodels:\n"
          + upstream.model("late", "sse_late_end")
          + "routes:\n  - {name: online, policy: epsilon-greedy, models: [late], async_updates: false}\n";
      try (GatewayFixture fx = GatewayFixture.start(yaml, Map.of())) {
        HttpResponse<java.io.InputStream> r = fx.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fx.base + "/v1/chat/completions")).header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"online\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null && !line.equals("data: [DONE]"); ) {
          // read up to the last event, as an SDK does
        }
        HttpResponse<String> fb = feedback(fx, r.headers().firstValue("x-request-id").orElseThrow(), 0.9);
        assertThat(GatewayFixture.json(fb.body()).path("status").asText()).as(fb.body()).isEqualTo("applied");
        reader.close();
      }
    }
  }

  @Test
  void badFeedback_getsOpenAiErrors() throws Exception {
    try (GatewayFixture fx = GatewayFixture.start(config(), Map.of())) {
      HttpResponse<String> fixed = fx.post("/v1/chat/completions", GatewayFixture.chat("cheap", "hi"));
      String fixedId = fixed.headers().firstValue("x-request-id").orElseThrow();
      HttpResponse<String> learned = fx.post("/v1/chat/completions", GatewayFixture.chat("online", "hi"));
      String learnedId = learned.headers().firstValue("x-request-id").orElseThrow();

      expectError(fx.post("/v1/feedback", "{\"request_id\": \"sbx-nope\", \"quality\": 1}"), 404, null, "not_found");
      expectError(fx.post("/v1/feedback", "{\"request_id\": "), 400, null, "invalid_json");
      expectError(fx.post("/v1/feedback", "[1, 2]"), 400, null, "invalid_json");
      expectError(fx.post("/v1/feedback", "{\"quality\": 1}"), 400, "request_id", "missing_required_parameter");
      expectError(fx.post("/v1/feedback", "{\"request_id\": 42, \"quality\": 1}"), 400, "request_id", "invalid_type");
      expectError(fx.post("/v1/feedback", body(learnedId, "\"good\"")), 400, "quality", "invalid_type");
      expectError(fx.post("/v1/feedback", body(learnedId, "1.5")), 400, "quality", "invalid_value");
      expectError(fx.post("/v1/feedback", body(learnedId, "-0.1")), 400, "quality", "invalid_value");
      expectError(fx.post("/v1/feedback", "{\"request_id\": \"" + learnedId + "\"}"), 400, "quality",
          "missing_required_parameter");
      expectError(fx.post("/v1/feedback", body(fixedId, "1")), 400, "request_id", "invalid_value");
      HttpResponse<String> get = fx.get("/v1/feedback");
      expectError(get, 405, null, "method_not_allowed");
      // none of the bad ones counted: the real score still applies
      assertThat(fx.post("/v1/feedback", body(learnedId, "0.5")).statusCode()).isEqualTo(200);
    }
  }

  private static String body(String id, String quality) {
    return "{\"request_id\": " + Json.quote(id) + ", \"quality\": " + quality + "}";
  }

  private static HttpResponse<String> feedback(GatewayFixture fx, String id, double quality) {
    return fx.post("/v1/feedback", body(id, Double.toString(quality)));
  }

  private static JsonNode error(HttpResponse<String> r) {
    JsonNode e = GatewayFixture.json(r.body()).path("error");
    assertThat(e.path("message").asText()).isNotEmpty();
    assertThat(e.path("type").asText()).isEqualTo("invalid_request_error");
    return e;
  }

  private static void expectError(HttpResponse<String> r, int status, String param, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode e = error(r);
    assertThat(e.path("code").asText()).isEqualTo(code);
    if (param == null) {
      assertThat(e.path("param").isNull()).as(r.body()).isTrue();
    } else {
      assertThat(e.path("param").asText()).isEqualTo(param);
    }
  }

  private static String lastId(GatewayFixture fx) {
    return GatewayFixture.json(fx.get("/v1/decisions?limit=1").body()).path("data").get(0).path("request_id").asText();
  }

  /** The largest observation count in a bandit's alternatives' notes ("… (3 obs)"). */
  private static int observations(String notes) {
    int max = 0;
    var m = java.util.regex.Pattern.compile("\\((\\d+) obs\\)").matcher(notes);
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }
}
