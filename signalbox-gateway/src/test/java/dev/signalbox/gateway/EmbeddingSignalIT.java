package dev.signalbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routes whose policy needs the prompt embedding: computed off the event loop, failing open when late. */
class EmbeddingSignalIT {
  private static GatewayFixture fx;

  @BeforeAll
  static void start() {
    String yaml = GatewayFixture.BASE_CONFIG
        .replace("shutdown_grace_ms: 500}", "shutdown_grace_ms: 500, signal_timeout_ms: 100}")
        + """
          - name: smart
            policy: embedding-test
            model: large
            fallback: small
          - name: slow
            policy: embedding-test
            model: large
            fallback: small
            delay_ms: 5000
        """;
    fx = GatewayFixture.start(yaml, Map.of());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void embedding_isComputedOnAWorkerAndReachesThePolicy() {
    HttpResponse<String> r = fx.post("/v1/chat/completions", GatewayFixture.chat("smart", "twelve chars"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-signalbox-model")).hasValue("large");
    assertThat(EmbeddingTestPolicy.lastEmbeddingThread).doesNotContain("eventloop");
    JsonNode d = fx.decision(r.headers().firstValue("x-request-id").orElseThrow());
    assertThat(d.toString()).contains("embedding of 12 chars").contains("embedding_dims");
  }

  @Test
  void lateEmbedding_failsOpenToTheFallbackWithTheReason() {
    int finishedBefore = EmbeddingTestPolicy.slowEmbeddingsFinished.get();
    HttpResponse<String> r = fx.post("/v1/chat/completions", GatewayFixture.chat("slow", "hello"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-signalbox-model")).hasValue("small");
    // the answer came while the 5 s embedding was still running
    assertThat(EmbeddingTestPolicy.slowEmbeddingsFinished.get()).isEqualTo(finishedBefore);
    JsonNode d = fx.decision(r.headers().firstValue("x-request-id").orElseThrow());
    assertThat(d.toString()).contains("prompt embedding timed out after 100 ms").contains("fallback small");
  }

  @Test
  void routesWithoutEmbeddingAreUnchanged() {
    HttpResponse<String> r = fx.post("/v1/chat/completions", GatewayFixture.chat("auto", "hi"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-signalbox-model")).hasValue("small");
  }
}
