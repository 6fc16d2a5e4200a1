package dev.signalbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.signalbox.sim.ReplicaProfile;
import dev.signalbox.sim.ReplicaProfile.Faults;
import dev.signalbox.sim.SimulatedReplica;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a stream can fail, seen through the official OpenAI Java SDK. */
class StreamingFailuresIT {
  private static final String STREAM_BODY =
      "{\"model\":\"large\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"tell me\"}]}";

  private GatewayFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  private static String config(long firstByteMs, long keepaliveMs) {
    String yaml = GatewayFixture.BASE_CONFIG.replace("first_byte_timeout_ms: 2000", "first_byte_timeout_ms: " + firstByteMs);
    return yaml.replace("  max_attempts: 3\n", "  max_attempts: 3\n  keepalive_ms: " + keepaliveMs + "\n");
  }

  private static void faults(SimulatedReplica replica, Faults faults) {
    replica.setProfile(replica.profile().withFaults(faults));
  }

  private static void slowFirstToken(SimulatedReplica replica, double ttftMs) {
    ReplicaProfile p = replica.profile();
    replica.setProfile(new ReplicaProfile(ttftMs, p.tpotMs(), p.maxConcurrency(), p.maxQueue(), p.outputTokens(),
        p.embeddingDimensions(), p.faults()));
  }

  /** Streams through the SDK and returns the chunks. */
  private List<ChatCompletionChunk> stream() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> s = fx.openai.chat().completions().createStreaming(
        ChatCompletionCreateParams.builder().model("large").addUserMessage("tell me").build())) {
      s.stream().forEach(chunks::add);
    }
    return chunks;
  }

  private static String text(List<ChatCompletionChunk> chunks) {
    StringBuilder sb = new StringBuilder();
    chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(sb::append)));
    return sb.toString();
  }

  private static long roleChunks(List<ChatCompletionChunk> chunks) {
    return chunks.stream().filter(c -> c.choices().stream().anyMatch(ch -> ch.delta().role().isPresent())).count();
  }

  private static String finishReason(List<ChatCompletionChunk> chunks) {
    return chunks.stream().flatMap(c -> c.choices().stream())
        .filter(ch -> ch.finishReason().isPresent())
        .map(ch -> ch.finishReason().get().asString()).findFirst().orElse("none");
  }

  @Test
  void errorBeforeTheFirstByte_isRetriedInvisibly() {
    fx = GatewayFixture.start();
    List<ChatCompletionChunk> clean = stream();
    faults(fx.replica("large", 0), new Faults(1.0, 500, 0, 0, 0, 0));
    for (int i = 0; i < 3; i++) {
      List<ChatCompletionChunk> chunks = stream();
      assertThat(text(chunks)).isEqualTo(text(clean));
      assertThat(roleChunks(chunks)).isEqualTo(1);
      assertThat(finishReason(chunks)).isIn("stop", "length");
    }
  }

  @Test
  void resetBeforeTheFirstByte_isRetriedInvisibly() {
    fx = GatewayFixture.start();
    List<ChatCompletionChunk> clean = stream();
    faults(fx.replica("large", 0), new Faults(0, 500, 0, 0, 1.0, 0));
    for (int i = 0; i < 3; i++) {
      assertThat(text(stream())).isEqualTo(text(clean));
    }
  }

  @Test
  void slowFirstToken_keepsTheConnectionAliveWithSseComments() {
    fx = GatewayFixture.start(config(5000, 150), Map.of());
    slowFirstToken(fx.replica("large", 0), 800);
    slowFirstToken(fx.replica("large", 1), 800);
    HttpResponse<String> raw = fx.post("/v1/chat/completions", STREAM_BODY);
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body()).startsWith(": keep-alive\n\n").endsWith("data: [DONE]\n\n");
    assertThat(raw.body().split(": keep-alive", -1).length - 1).isGreaterThanOrEqualTo(3);

    List<ChatCompletionChunk> chunks = stream();
    assertThat(text(chunks)).isNotBlank();
    assertThat(finishReason(chunks)).isIn("stop", "length");
  }

  @Test
  void slowFirstTokenThenTimeout_isRetriedAfterKeepAlives_withoutDuplicatingTheAnswer() {
    fx = GatewayFixture.start(config(600, 150), Map.of());
    List<ChatCompletionChunk> clean = stream();
    faults(fx.replica("large", 0), new Faults(0, 500, 1.0, 5000, 0, 0));
    faults(fx.replica("large", 1), new Faults(0, 500, 0, 0, 0, 0));
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> raw = fx.post("/v1/chat/completions", STREAM_BODY);
      assertThat(raw.body()).endsWith("data: [DONE]\n\n");
      assertThat(raw.body().split("\"role\":\"assistant\"", -1).length - 1).as("one answer, not two").isEqualTo(1);
    }
    List<ChatCompletionChunk> chunks = stream();
    assertThat(text(chunks)).isEqualTo(text(clean));
    assertThat(roleChunks(chunks)).isEqualTo(1);
  }

  @Test
  void everyAttemptFailingAfterKeepAlives_endsWithAnErrorEventTheSdkSurfaces() {
    fx = GatewayFixture.start(config(400, 100), Map.of());
    faults(fx.replica("large", 0), new Faults(0, 500, 1.0, 5000, 0, 0));
    faults(fx.replica("large", 1), new Faults(0, 500, 1.0, 5000, 0, 0));
    HttpResponse<String> raw = fx.post("/v1/chat/completions", STREAM_BODY);
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body()).startsWith(": keep-alive").doesNotContain("[DONE]").doesNotContain("\"delta\"");
    String last = raw.body().strip().lines().reduce((a, b) -> b).orElseThrow();
    JsonNode error = GatewayFixture.json(last.substring("data: ".length())).path("error");
    assertThat(error.path("code").asText()).isEqualTo("upstream_timeout");
    assertThat(error.path("message").asText()).contains("large/0").contains("large/1");

    assertThatThrownBy(this::stream).isInstanceOf(OpenAIException.class).hasMessageContaining("failed on every path tried");
  }

  @Test
  void cutMidStream_endsWithAnErrorEventTheSdkSurfaces() {
    fx = GatewayFixture.start();
    faults(fx.replica("large", 0), new Faults(0, 500, 0, 0, 0, 1.0));
    faults(fx.replica("large", 1), new Faults(0, 500, 0, 0, 0, 1.0));
    assertThatThrownBy(this::stream).isInstanceOf(OpenAIException.class).hasMessageContaining("interrupted");
  }

  @Test
  void silenceMidStream_endsWithAnErrorEventTheSdkSurfaces() {
    fx = GatewayFixture.start(GatewayFixture.BASE_CONFIG.replace("idle_timeout_ms: 1500", "idle_timeout_ms: 300"), Map.of());
    for (int i = 0; i < 2; i++) {
      SimulatedReplica r = fx.replica("large", i);
      ReplicaProfile p = r.profile();
      r.setProfile(new ReplicaProfile(p.ttftMs(), 3000, p.maxConcurrency(), p.maxQueue(), p.outputTokens(),
          p.embeddingDimensions(), p.faults()));
    }
    assertThatThrownBy(this::stream).isInstanceOf(OpenAIException.class).hasMessageContaining("no data from the upstream");
  }
}
