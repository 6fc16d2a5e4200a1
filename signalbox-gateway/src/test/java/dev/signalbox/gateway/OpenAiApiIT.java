package dev.signalbox.gateway;

import static dev.signalbox.gateway.GatewayFixture.chat;
import static dev.signalbox.gateway.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAI API of the gateway, called with the official OpenAI Java SDK over loopback. */
class OpenAiApiIT {
  private static GatewayFixture fx;

  @BeforeAll
  static void start() {
    fx = GatewayFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static ChatCompletionCreateParams chatParams(String model, String text) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).build();
  }

  @Test
  void chat_autoIsRoutedAndExplainedInHeaders() {
    HttpResponseFor<ChatCompletion> raw =
        fx.openai.chat().completions().withRawResponse().create(chatParams("auto", "hello there"));
    ChatCompletion completion = raw.parse();

    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(completion.choices().get(0).message().content()).get().asString().isNotBlank();
    assertThat(raw.headers().values("x-signalbox-route")).containsExactly("auto");
    assertThat(raw.headers().values("x-signalbox-model")).containsExactly("small");
    assertThat(raw.headers().values("x-signalbox-endpoint").get(0)).startsWith("small/");
    assertThat(raw.headers().values("x-request-id").get(0)).startsWith("sbx-");
    assertThat(completion.model()).isEqualTo("small");
    assertThat(completion.usage()).isPresent();
  }

  @Test
  void chat_ruleSendsHardPromptsToTheLargeModel() {
    HttpResponseFor<ChatCompletion> raw = fx.openai.chat().completions().withRawResponse()
        .create(chatParams("auto", "Please help me debug this crash in my parser"));
    assertThat(raw.headers().values("x-signalbox-model")).containsExactly("large");
    assertThat(raw.parse().model()).isEqualTo("large");
  }

  @Test
  void chat_routeNameAndModelName() {
    HttpResponseFor<ChatCompletion> viaRoute =
        fx.openai.chat().completions().withRawResponse().create(chatParams("cheap", "prove it"));
    assertThat(viaRoute.headers().values("x-signalbox-route")).containsExactly("cheap");
    assertThat(viaRoute.headers().values("x-signalbox-model")).containsExactly("small");

    HttpResponseFor<ChatCompletion> direct =
        fx.openai.chat().completions().withRawResponse().create(chatParams("large", "hi"));
    assertThat(direct.headers().values("x-signalbox-route")).containsExactly("direct");
    assertThat(direct.headers().values("x-signalbox-model")).containsExactly("large");
  }

  @Test
  void stream_chunksArriveAsTheyAreProducedWithUsageLast() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("large")
        .addUserMessage("tell me something long")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
    List<Long> arrivals = new ArrayList<>();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    long start = System.nanoTime();
    try (StreamResponse<ChatCompletionChunk> stream = fx.openai.chat().completions().createStreaming(params)) {
      stream.stream().forEach(c -> {
        arrivals.add((System.nanoTime() - start) / 1_000_000);
        chunks.add(c);
      });
    }
    long end = (System.nanoTime() - start) / 1_000_000;

    assertThat(chunks.size()).isGreaterThan(10);
    // ~40 tokens at 8 ms each: the first content must arrive long before the stream ends.
    assertThat(end - arrivals.get(1)).isGreaterThan(100);
    assertThat(arrivals.stream().distinct().count()).isGreaterThan(5);
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
    assertThat(text.toString()).isNotBlank();
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage()).isPresent();
    assertThat(last.usage().get().completionTokens()).isGreaterThan(0);
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.usage()).isEmpty());
  }

  @Test
  void stream_withoutIncludeUsageHasNoUsageChunkAndEndsWithDone() {
    HttpResponse<String> r = fx.post("/v1/chat/completions",
        "{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
    assertThat(r.body()).doesNotContain("\"usage\":{").endsWith("data: [DONE]\n\n");
  }

  @Test
  void completions_jsonAndStream() {
    Completion c = fx.openai.completions().create(
        CompletionCreateParams.builder().model("small").prompt("Once upon a time").maxTokens(5).build());
    assertThat(c.choices().get(0).text()).isNotBlank();
    assertThat(c.usage().get().completionTokens()).isLessThanOrEqualTo(5);

    HttpResponse<String> r = fx.post("/v1/completions", "{\"model\":\"auto\",\"prompt\":\"hi\",\"stream\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"object\":\"text_completion\"").endsWith("data: [DONE]\n\n");
  }

  @Test
  void embeddings_proxiedToTheEmbeddingModel() {
    CreateEmbeddingResponse r = fx.openai.embeddings().create(
        EmbeddingCreateParams.builder().model("embed").inputOfArrayOfStrings(List.of("a cat", "a dog")).build());
    assertThat(r.data()).hasSize(2);
    assertThat(r.data().get(0).embedding()).hasSize(64);
    assertThat(r.data().get(0).embedding()).isNotEqualTo(r.data().get(1).embedding());

    CreateEmbeddingResponse b64 = fx.openai.embeddings().create(EmbeddingCreateParams.builder().model("embed")
        .input("a cat").encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build());
    assertThat(b64.data().get(0).embedding()).isEqualTo(r.data().get(0).embedding());
  }

  @Test
  void embeddings_toAChatModelIsRefused() {
    assertThatThrownBy(() -> fx.openai.embeddings().create(
            EmbeddingCreateParams.builder().model("small").input("x").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.code()).contains("unsupported_operation");
          assertThat(e.getMessage()).contains("/v1/embeddings");
        });
  }

  @Test
  void models_listsModelsAndRoutes() {
    List<String> ids = fx.openai.models().list().data().stream().map(Model::id).toList();
    assertThat(ids).containsExactly("small", "large", "embed", "auto", "cheap");
    Model large = fx.openai.models().retrieve("large");
    assertThat(large.ownedBy()).isEqualTo("signalbox");
    JsonNode entry = json(fx.get("/v1/models/auto").body());
    assertThat(entry.at("/signalbox/policy").asText()).isEqualTo("rules");
    assertThat(json(fx.get("/v1/models/large").body()).at("/signalbox/context_window").asInt()).isEqualTo(32768);
  }

  @Test
  void decision_tracesSignalsAlternativesAttemptsAndCost() throws Exception {
    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("auto", "Can you prove that sqrt(2) is irrational?"));
    String id = r.headers().firstValue("x-request-id").orElseThrow();
    JsonNode d = fx.finishedDecision(id);

    assertThat(d.path("request_id").asText()).isEqualTo(id);
    assertThat(d.path("route").asText()).isEqualTo("auto");
    assertThat(d.path("model").asText()).isEqualTo("large");
    assertThat(d.at("/signals/prompt_tokens").asInt()).isGreaterThan(5);
    assertThat(d.at("/decision/policy").asText()).isEqualTo("rules");
    assertThat(d.at("/decision/reason").asText()).contains("hard");
    assertThat(d.at("/decision/alternatives")).isNotEmpty();
    assertThat(d.at("/attempts/0/endpoint").asText()).startsWith("large/");
    assertThat(d.at("/outcome/status").asInt()).isEqualTo(200);
    long prompt = d.at("/outcome/prompt_tokens").asLong();
    long completion = d.at("/outcome/completion_tokens").asLong();
    assertThat(completion).isPositive();
    assertThat(d.at("/outcome/cost_usd").asDouble()).isCloseTo((prompt * 2.5 + completion * 10.0) / 1e6,
        org.assertj.core.data.Offset.offset(1e-12));

    JsonNode recent = json(fx.get("/v1/decisions?limit=500").body());
    assertThat(recent.path("data").findValuesAsText("request_id")).contains(id);
  }

  @Test
  void requestId_givenByTheCallerIsALabel_neverTheKey() {
    // Two callers send the same x-request-id: each gets its own gateway id and its own decision.
    String[] ids = new String[2];
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = fx.send(HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
          .header("x-request-id", "my-trace-123").header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(chat(i == 0 ? "cheap" : "small", "hi " + i))));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-client-request-id")).contains("my-trace-123");
      ids[i] = r.headers().firstValue("x-request-id").orElseThrow();
      assertThat(ids[i]).matches("sbx-[0-9a-f]{32}");
    }
    assertThat(ids[0]).isNotEqualTo(ids[1]);
    assertThat(fx.decision(ids[0]).path("route").asText()).isEqualTo("cheap");
    assertThat(fx.decision(ids[0]).path("client_request_id").asText()).isEqualTo("my-trace-123");
    assertThat(fx.decision(ids[1]).path("route").asText()).isEqualTo("direct");
    assertThat(fx.get("/v1/decisions/my-trace-123").statusCode()).isEqualTo(404);
  }

  @Test
  void decisions_filterByRouteAndModel_andRefuseUnknownParameters() {
    fx.post("/v1/chat/completions", chat("cheap", "one"));
    fx.post("/v1/chat/completions", chat("large", "two"));
    JsonNode cheap = json(fx.get("/v1/decisions?route=cheap&limit=1000").body()).path("data");
    assertThat(cheap).isNotEmpty().allSatisfy(d -> assertThat(d.path("route").asText()).isEqualTo("cheap"));
    JsonNode large = json(fx.get("/v1/decisions?model=large&limit=1000").body()).path("data");
    assertThat(large).isNotEmpty().allSatisfy(d -> assertThat(d.path("model").asText()).isEqualTo("large"));
    assertError(fx.get("/v1/decisions?rout=cheap"), 400, "unknown_parameter", "rout");
    assertThat(json(fx.get("/v1/decisions/sbx-00000000000000000000000000000000").body()).at("/error/message").asText())
        .contains("refused before routing");
  }

  @Test
  void adminTimes_areSeconds_andEveryListIsAnArray() {
    long nowSeconds = System.currentTimeMillis() / 1000;
    for (String path : new String[] {"/v1/models", "/v1/decisions", "/admin/endpoints", "/admin/events",
        "/admin/learners"}) {
      JsonNode list = json(fx.get(path).body());
      assertThat(list.path("object").asText()).as(path).isEqualTo("list");
      assertThat(list.path("data").isArray()).as(path).isTrue();
    }
    var replica = fx.replica("small", 0);
    var profile = replica.profile();
    replica.setProfile(profile.withFaults(new dev.signalbox.sim.ReplicaProfile.Faults(1.0, 500, 0, 0, 0, 0)));
    try {
      fx.post("/v1/chat/completions", chat("small", "a"));
      fx.post("/v1/chat/completions", chat("small", "b")); // round robin: one of them meets the failing replica
    } finally {
      replica.setProfile(profile);
    }
    JsonNode events = json(fx.get("/admin/events").body()).path("data");
    assertThat(events).isNotEmpty();
    assertThat(events.get(0).path("at").asDouble()).isBetween(nowSeconds - 60.0, nowSeconds + 60.0);
  }

  @Test
  void error_unknownModel() {
    assertThatThrownBy(() -> fx.openai.chat().completions().create(chatParams("gpt-17", "hi")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.code()).contains("model_not_found");
          assertThat(e.param()).contains("model");
        });
  }

  @Test
  void error_malformedJsonWrongTypesAndMissingFields() {
    assertError(fx.post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":["), 400, "invalid_json", null);
    assertError(fx.post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":\"hi\"}"), 400, "invalid_type", "messages");
    assertError(fx.post("/v1/chat/completions", "{\"model\":\"auto\"}"), 400, "missing_required_parameter", "messages");
    assertError(fx.post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"max_tokens\":\"ten\"}"), 400, "invalid_type", "max_tokens");
    assertError(fx.post("/v1/embeddings", "{\"model\":\"embed\",\"input\":{}}"), 400, "invalid_type", "input");
  }

  @Test
  void error_oversizedBodyIs413() {
    String big = chat("auto", "x".repeat(70_000));
    assertError(fx.post("/v1/chat/completions", big), 413, "request_too_large", null);
    // The gateway keeps serving after refusing.
    assertThat(fx.post("/v1/chat/completions", chat("auto", "hi")).statusCode()).isEqualTo(200);
  }

  @Test
  void error_promptLongerThanTheContextWindow() {
    assertError(fx.post("/v1/chat/completions", chat("small", "word ".repeat(5000))), 400, "context_length_exceeded", "messages");
  }

  @Test
  void error_promptThatFits_butNotWithItsMaxTokens() {
    String body = "{\"model\":\"small\",\"max_tokens\":4000,\"messages\":[{\"role\":\"user\",\"content\":\""
        + "word ".repeat(200) + "\"}]}";
    HttpResponse<String> r = fx.post("/v1/chat/completions", body);
    assertError(r, 400, "context_length_exceeded", "messages");
    assertThat(r.body()).contains("maximum context length is 4096 tokens", "plus 4000 for the completion");
    String fits = body.replace("\"max_tokens\":4000", "\"max_tokens\":40");
    assertThat(fx.post("/v1/chat/completions", fits).statusCode()).isEqualTo(200);
  }

  @Test
  void error_unknownPathWrongMethodAndUnknownDecision() {
    assertError(fx.get("/v1/nothing"), 404, "unknown_url", null);
    HttpResponse<String> wrongMethod = fx.get("/v1/chat/completions");
    assertError(wrongMethod, 405, "method_not_allowed", null);
    assertThat(wrongMethod.headers().firstValue("allow")).contains("POST");
    assertError(fx.get("/v1/decisions/nope"), 404, "not_found", null);
  }

  private static void assertError(HttpResponse<String> r, int status, String code, String param) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    JsonNode error = json(r.body()).path("error");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    if (param == null) {
      assertThat(error.path("param").isNull()).isTrue();
    } else {
      assertThat(error.path("param").asText()).isEqualTo(param);
    }
  }
}
