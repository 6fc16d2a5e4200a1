package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.signalbox.core.request.Operation;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK reads every response shape, with strict validation. */
class OpenAiSdkCompatibilityTest {
  private static Vertx vertx;
  private static OpenAIClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ReplicaProfile profile = new ReplicaProfile(5, 1, 8, 8, 12, 24, ReplicaProfile.Faults.NONE);
    SimulatedReplica replica = SimHttp.start(vertx, ReplicaSpec.of("sim-sdk", profile)
        .withOperations(Set.of(Operation.CHAT, Operation.COMPLETIONS, Operation.EMBEDDINGS)));
    client = OpenAIOkHttpClient.builder()
        .baseUrl(replica.url() + "/v1")
        .apiKey("sk-test")
        .maxRetries(0)
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void chatCompletion() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("sim-sdk").addUserMessage("Hello SDK").maxCompletionTokens(5).build()).validate();

    assertThat(completion.id()).startsWith("chatcmpl-");
    assertThat(completion.model()).isEqualTo("sim-sdk");
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(choice.message().content()).hasValueSatisfying(c -> assertThat(c.split(" ")).hasSize(5));
    assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(5));
  }

  @Test
  void chatStreamWithUsage() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("sim-sdk").addUserMessage("Stream to the SDK").maxCompletionTokens(6)
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(c -> chunks.add(c.validate()));
    }

    StringBuilder text = new StringBuilder();
    for (ChatCompletionChunk c : chunks) {
      c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
    }
    assertThat(text.toString().split(" ")).hasSize(6);
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isEqualTo(6));
  }

  @Test
  void textCompletion() {
    Completion completion = client.completions().create(CompletionCreateParams.builder()
        .model("sim-sdk").prompt("Once upon").maxTokens(3).build()).validate();

    assertThat(completion.id()).startsWith("cmpl-");
    assertThat(completion.choices().get(0).text().split(" ")).hasSize(3);
    assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isGreaterThan(3));
  }

  @Test
  void embeddingsAsFloatsAndBase64() {
    CreateEmbeddingResponse floats = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("sim-sdk").inputOfArrayOfStrings(List.of("one", "two"))
        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build()).validate();
    CreateEmbeddingResponse base64 = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("sim-sdk").inputOfArrayOfStrings(List.of("one", "two"))
        .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64).build()).validate();

    assertThat(floats.data()).hasSize(2);
    List<Float> vector = floats.data().get(0).embedding();
    assertThat(vector).hasSize(24);
    double norm = Math.sqrt(vector.stream().mapToDouble(f -> f * f).sum());
    assertThat(norm).isCloseTo(1.0, within(1e-4));
    assertThat(base64.data().get(0).embedding()).isEqualTo(vector);
    assertThat(base64.usage().promptTokens()).isEqualTo(2);
  }

  @Test
  void modelsList() {
    List<Model> models = client.models().list().data();
    assertThat(models).extracting(Model::id).containsExactly("sim-sdk");
  }
}
