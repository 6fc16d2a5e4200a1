package dev.signalbox.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.signalbox.core.Signalbox;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.routing.LearningRouter.Learned;
import dev.signalbox.sim.ReplicaProfile;
import dev.signalbox.sim.SimulatedPool;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI SDK over Signalbox in-process, against simulated replicas on loopback HTTP. */
class SignalboxOpenAiIT {
  static final String CONFIG = """
      upstream:
        connect_timeout_ms: 500
        first_byte_timeout_ms: 2000
        max_attempts: 3
        circuit_breaker: {consecutive_failures: 2, open_ms: 60000, max_open_ms: 120000}
      models:
        - name: small
          input_price: 0.15
          output_price: 0.60
          context_window: 4096
          pool: round-robin
          endpoints:
            - simulated: {ttft_ms: 5, tpot_ms: 1, output_tokens: 8}
            - simulated: {ttft_ms: 5, tpot_ms: 1, output_tokens: 8}
        - name: large
          input_price: 2.50
          output_price: 10.00
          context_window: 32768
          endpoints:
            - simulated: {ttft_ms: 5, tpot_ms: 1, output_tokens: 8}
        - name: embed
          input_price: 0.02
          operations: [embeddings]
          endpoints:
            - simulated: {ttft_ms: 1, embedding_dimensions: 16}
      routes:
        - name: auto
          policy: rules
          default: small
          fallbacks: [large]
          rules:
            - name: hard
              when: {keywords: {any: [prove]}}
              model: large
        - name: adaptive
          policy: thompson
          models: [small, large]
      """;

  private SimulatedPool sims;
  private Signalbox signalbox;
  private OpenAIClient client;

  @BeforeEach
  void start() {
    sims = SimulatedPool.start(ConfigLoader.parse(CONFIG, name -> null), "127.0.0.1", 0);
    signalbox = Signalbox.from(sims.config());
    client = SignalboxOpenAi.client(signalbox);
  }

  @AfterEach
  void stop() {
    client.close();
    signalbox.close();
    sims.close();
  }

  private static ChatCompletionCreateParams chat(String model, String text) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).maxCompletionTokens(8).build();
  }

  @Test
  void autoIsRouted_byTheRules_andTheAnswerSaysWhere() {
    HttpResponseFor<ChatCompletion> hard = client.chat().completions().withRawResponse()
        .create(chat("auto", "Prove that 2^10 > 1000"));
    assertThat(hard.statusCode()).isEqualTo(200);
    assertThat(hard.headers().values("x-signalbox-route")).containsExactly("auto");
    assertThat(hard.headers().values("x-signalbox-model")).containsExactly("large");
    assertThat(hard.headers().values("x-signalbox-endpoint")).containsExactly("large/0");
    ChatCompletion completion = hard.parse();
    assertThat(completion.model()).isEqualTo("large");
    assertThat(completion.choices().get(0).message().content()).isPresent();
    assertThat(completion.usage().get().completionTokens()).isEqualTo(8);

    ChatCompletion easy = client.chat().completions().create(chat("auto", "hello there"));
    assertThat(easy.model()).isEqualTo("small");
    assertThat(sims.replica("large", 0).stats().received()).isEqualTo(1);
  }

  @Test
  void aFailingReplica_isRetriedOnTheOther_andTheCallerSeesOnlyTheAnswer() {
    sims.replica("small", 0).setProfile(failing(sims.replica("small", 0).profile()));
    for (int i = 0; i < 4; i++) {
      HttpResponseFor<ChatCompletion> r = client.chat().completions().withRawResponse().create(chat("small", "hi " + i));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().values("x-signalbox-endpoint")).containsExactly("small/1");
    }
    // two failures opened small/0's circuit: later calls go straight to small/1
    assertThat(sims.replica("small", 0).stats().received()).isEqualTo(2);
  }

  @Test
  void whenEveryReplicaOfTheModelIsDown_theRoutesFallbackAnswers() {
    sims.replica("small", 0).close().toCompletionStage().toCompletableFuture().join();
    sims.replica("small", 1).close().toCompletionStage().toCompletableFuture().join();
    HttpResponseFor<ChatCompletion> r = client.chat().completions().withRawResponse().create(chat("auto", "hello"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().values("x-signalbox-model")).as("the routed model").containsExactly("small");
    assertThat(r.headers().values("x-signalbox-endpoint")).containsExactly("large/0");
    assertThat(r.parse().model()).isEqualTo("large");
  }

  @Test
  void whenNothingAnswers_theSdkGetsTheGatewaysError_listingEveryAttempt() {
    sims.replica("large", 0).setProfile(failing(sims.replica("large", 0).profile()));
    assertThatThrownBy(() -> client.chat().completions().create(chat("large", "hi")))
        .isInstanceOfSatisfying(InternalServerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(502);
          assertThat(e.getMessage()).contains("large/0: HTTP 500");
        });
  }

  @Test
  void aStreamedAnswer_arrivesChunkByChunk_withItsUsage() {
    ChatCompletionCreateParams params = chat("auto", "tell me a story").toBuilder()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      List<ChatCompletionChunk> chunks = stream.stream().collect(Collectors.toList());
      String text = chunks.stream().flatMap(c -> c.choices().stream())
          .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
      assertThat(text).isNotBlank();
      assertThat(chunks.get(chunks.size() - 1).usage()).hasValueSatisfying(u -> assertThat(u.completionTokens())
          .isPositive());
    }
    assertThat(sims.replicas("small").stream().mapToLong(r -> r.stats().received()).sum()).isEqualTo(1);
  }

  @Test
  void asyncCalls_embeddings_andTheModelList() throws Exception {
    ChatCompletion viaAsync = client.async().chat().completions().create(chat("auto", "hello")).get();
    assertThat(viaAsync.model()).isEqualTo("small");
    assertThat(client.embeddings().create(EmbeddingCreateParams.builder().model("embed").input("hello").build())
        .data().get(0).embedding()).hasSize(16);
    assertThat(client.models().list().items()).extracting(Model::id)
        .containsExactly("auto", "adaptive", "small", "large", "embed");
  }

  @Test
  void badRequests_getOpenAisErrors() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("nope", "hi")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage()).contains("does not exist"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("small", "word ".repeat(5000))))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.getMessage()).contains("maximum context length is 4096"));
    assertThat(signalbox.upstreams().endpoints()).allSatisfy(e -> assertThat(e.inFlight()).isZero());
  }

  @Test
  void aLearningRoute_learnsFromTheCallsAndTheirScores() {
    ChatCompletionCreateParams params = chat("adaptive", "hello").toBuilder()
        .putAdditionalHeader("x-request-id", "req-1").build();
    HttpResponseFor<ChatCompletion> r = client.chat().completions().withRawResponse().create(params);
    Headers headers = r.headers();
    assertThat(headers.values("x-request-id")).containsExactly("req-1");
    assertThat(headers.values("x-signalbox-route")).containsExactly("adaptive");
    assertThat(signalbox.score("req-1", 1.0)).as("measured by the call, scored now").isEqualTo(Learned.APPLIED);
    assertThat(signalbox.score("req-1", 1.0)).as("learned once").isEqualTo(Learned.UNKNOWN);

    ChatCompletionCreateParams streamed = chat("adaptive", "hello").toBuilder()
        .putAdditionalHeader("x-request-id", "req-2").build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed)) {
      assertThat(stream.stream().count()).isPositive();
    }
    assertThat(signalbox.score("req-2", 0.5)).as("a stream is measured when it ends").isEqualTo(Learned.APPLIED);
    signalbox.learners().get("adaptive").flush();
    assertThat(signalbox.learners().get("adaptive").explain().path("updates").asLong()).isEqualTo(2);
  }

  private static ReplicaProfile failing(ReplicaProfile p) {
    return p.withFaults(new ReplicaProfile.Faults(1.0, 500, 0, 0, 0, 0));
  }
}
