package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.signal.TokenEstimator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatAndCompletionsTest {
  private static Vertx vertx;
  private static SimulatedReplica replica;
  private static SimulatedReplica otherSeed;

  @BeforeAll
  static void startReplica() {
    vertx = Vertx.vertx();
    ReplicaSpec spec = ReplicaSpec.of("sim-chat", SimHttp.profile(10, 1, 64, 64, 20));
    replica = SimHttp.start(vertx, spec);
    otherSeed = SimHttp.start(vertx, spec.withSeed(7));
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void chatCompletionHasOpenAiShapeAndUsage() throws IOException {
    String prompt = "What is a signalbox for?";
    HttpResponse<String> response =
        SimHttp.post(replica.url(), "/v1/chat/completions", SimHttp.chat("sim-chat", prompt, null));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonObject body = SimHttp.json(response);
    assertThat(body.getString("id")).startsWith("chatcmpl-");
    assertThat(body.getString("object")).isEqualTo("chat.completion");
    assertThat(body.getLong("created")).isCloseTo(System.currentTimeMillis() / 1000, within(5L));
    assertThat(body.getString("model")).isEqualTo("sim-chat");

    JsonArray choices = body.getJsonArray("choices");
    assertThat(choices).hasSize(1);
    JsonObject choice = choices.getJsonObject(0);
    assertThat(choice.getInteger("index")).isZero();
    assertThat(choice.containsKey("logprobs")).isTrue();
    assertThat(choice.getValue("logprobs")).isNull();
    assertThat(choice.getString("finish_reason")).isEqualTo("stop");
    JsonObject message = choice.getJsonObject("message");
    assertThat(message.getString("role")).isEqualTo("assistant");
    String content = message.getString("content");
    assertThat(content).isNotBlank().endsWith(".");

    JsonObject usage = body.getJsonObject("usage");
    int words = content.split(" ").length;
    assertThat(usage.getInteger("completion_tokens")).isEqualTo(words).isBetween(10, 30);
    assertThat(usage.getInteger("prompt_tokens"))
        .isEqualTo(TokenEstimator.count(List.of(Message.user(prompt))));
    assertThat(usage.getInteger("total_tokens"))
        .isEqualTo(usage.getInteger("prompt_tokens") + usage.getInteger("completion_tokens"));
  }

  @Test
  void samePromptGetsTheSameAnswerAndOtherPromptsOrSeedsDoNot() throws IOException {
    String a1 = content(replica, "Tell me about routers");
    content(replica, "something else in between");
    String a2 = content(replica, "Tell me about routers");
    String b = content(replica, "Tell me about queues");
    String otherSeedAnswer = content(otherSeed, "Tell me about routers");

    assertThat(a2).isEqualTo(a1);
    assertThat(b).isNotEqualTo(a1);
    assertThat(otherSeedAnswer).isNotEqualTo(a1);
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength() throws IOException {
    String full = content(replica, "A long question");
    JsonObject cut = SimHttp.json(SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-chat", "A long question", "{\"max_tokens\": 3}")));
    JsonObject choice = cut.getJsonArray("choices").getJsonObject(0);

    assertThat(choice.getString("finish_reason")).isEqualTo("length");
    String text = choice.getJsonObject("message").getString("content");
    assertThat(text.split(" ")).hasSize(3);
    assertThat(full).startsWith(text);
    assertThat(cut.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(3);

    JsonObject viaNewName = SimHttp.json(SimHttp.post(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-chat", "A long question", "{\"max_completion_tokens\": 2}")));
    assertThat(viaNewName.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(2);
    assertThat(viaNewName.getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
        .isEqualTo("length");
  }

  @Test
  void contentPartsAndSeveralMessagesCountAsPrompt() throws IOException {
    String body = new JsonObject()
        .put("model", "sim-chat")
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "system").put("content", "Be brief."))
            .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                .add(new JsonObject().put("type", "text").put("text", "Hello there")))))
        .encode();
    JsonObject response = SimHttp.json(SimHttp.post(replica.url(), "/v1/chat/completions", body));

    int expected = TokenEstimator.count(
        List.of(new Message("system", "Be brief."), new Message("user", "Hello there")));
    assertThat(response.getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(expected);
  }

  @Test
  void textCompletionHasOpenAiShape() throws IOException {
    String body = new JsonObject().put("model", "sim-chat").put("prompt", "Once upon a time").encode();
    HttpResponse<String> response = SimHttp.post(replica.url(), "/v1/completions", body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject json = SimHttp.json(response);
    assertThat(json.getString("id")).startsWith("cmpl-");
    assertThat(json.getString("object")).isEqualTo("text_completion");
    assertThat(json.getString("model")).isEqualTo("sim-chat");
    JsonObject choice = json.getJsonArray("choices").getJsonObject(0);
    assertThat(choice.getInteger("index")).isZero();
    assertThat(choice.getString("text")).isNotBlank();
    assertThat(choice.containsKey("logprobs")).isTrue();
    assertThat(choice.getString("finish_reason")).isEqualTo("stop");
    JsonObject usage = json.getJsonObject("usage");
    assertThat(usage.getInteger("prompt_tokens")).isEqualTo(TokenEstimator.count("Once upon a time"));
    assertThat(usage.getInteger("completion_tokens")).isEqualTo(choice.getString("text").split(" ").length);
  }

  @Test
  void completionAcceptsTokenIdsAndMaxTokens() throws IOException {
    String body = new JsonObject()
        .put("model", "sim-chat")
        .put("prompt", new JsonArray().add(101).add(2023).add(7))
        .put("max_tokens", 4)
        .encode();
    JsonObject json = SimHttp.json(SimHttp.post(replica.url(), "/v1/completions", body));

    assertThat(json.getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(3);
    assertThat(json.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(4);
    assertThat(json.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("length");
  }

  private static String content(SimulatedReplica r, String prompt) throws IOException {
    JsonObject body = SimHttp.json(
        SimHttp.post(r.url(), "/v1/chat/completions", SimHttp.chat("sim-chat", prompt, null)));
    return body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
  }
}
