package dev.signalbox.gateway;

import static dev.signalbox.gateway.GatewayFixture.chat;
import static dev.signalbox.gateway.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.request.Operation;
import dev.signalbox.gateway.proxy.UpstreamAddress;
import dev.signalbox.gateway.proxy.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Large JSON answers held whole (the security probe's D4): their bytes are bounded across the
 * gateway, an answer past the bound is relayed as it comes instead, and the gateway's own memory
 * running out is never blamed on an endpoint nor retried elsewhere.
 */
class HeldAnswersIT {

  private static double metric(GatewayFixture fx, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(fx.get("/metrics").body());
    assertThat(m.find()).as(name).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aFloodOfLargeAnswers_staysWithinTheHeldBudget_andEveryAnswerArrivesWhole() throws Exception {
    try (MisbehavingUpstream upstream = new MisbehavingUpstream()) {
      String yaml = "server: {port: 0, event_loops: 2}\n"
          + "upstream: {max_held_bytes: 1048576, max_total_held_bytes: 2097152, health_check: {enabled: false}}\n"
          + "models:\n" + upstream.model("big", "big:600000")
          + "routes:\n  - {name: auto, policy: fixed, model: big}\n";
      try (GatewayFixture fx = GatewayFixture.start(yaml, Map.of())) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) { // 16 x 600 kB: 9.6 MB if every answer were held
          answers.add(fx.http.sendAsync(HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
              .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(chat("big", "hi " + i))).build(),
              HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> a : answers) {
          HttpResponse<String> r = a.get();
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(json(r.body()).at("/choices/0/message/content").asText()).hasSize(600_000);
        }
        assertThat(metric(fx, "signalbox_held_answer_bytes_peak")).isPositive().isLessThanOrEqualTo(2097152);
        assertThat(metric(fx, "signalbox_held_answer_bytes")).isZero();
        JsonNode endpoint = json(fx.get("/admin/endpoints").body()).path("data").get(0);
        assertThat(endpoint.path("failures").asLong()).isZero();
      }
    }
  }

  @Test
  void theGatewayRunningOutOfMemory_isA503_notTheEndpointsFault_andIsNotRetried() throws Exception {
    try (GatewayFixture fx = GatewayFixture.start(GatewayFixture.BASE_CONFIG, Map.of(), OutOfMemoryOnFirstChunk::new)) {
      HttpResponse<String> r = fx.post("/v1/chat/completions", chat("small", "hi"));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("gateway_overloaded");
      assertThat(r.headers().firstValue("retry-after")).contains("1");
      String id = r.headers().firstValue("x-request-id").orElseThrow();
      JsonNode attempts = fx.finishedDecision(id).path("attempts");
      assertThat(attempts).hasSize(1);
      assertThat(attempts.get(0).path("outcome").asText()).startsWith("gateway out of memory");
      for (JsonNode e : json(fx.get("/admin/endpoints").body()).path("data")) {
        assertThat(e.path("failures").asLong()).as(e.path("id").asText()).isZero();
        assertThat(e.path("state").asText()).isEqualTo("healthy");
      }
    }
  }

  /** An upstream client whose answers fail as if buffering their first chunk ran out of heap. */
  private record OutOfMemoryOnFirstChunk(UpstreamClient real) implements UpstreamClient {
    @Override
    public Exchange send(UpstreamAddress address, Operation operation, CharSequence[] headers, byte[] body,
        long connectTimeoutMs, Listener listener) {
      Exchange[] exchange = new Exchange[1];
      exchange[0] = real.send(address, operation, headers, body, connectTimeoutMs, new Listener() {
        private boolean failed;

        @Override
        public void onConnectFailed(Throwable cause) {
          listener.onConnectFailed(cause);
        }

        @Override
        public void onHead(Head head) {
          listener.onHead(head);
        }

        @Override
        public void onChunk(Buffer chunk) {
          if (!failed) {
            failed = true;
            exchange[0].reset();
            listener.onFailed(new OutOfMemoryError("Java heap space"));
          }
        }

        @Override
        public void onEnd() {
          if (!failed) {
            listener.onEnd();
          }
        }

        @Override
        public void onFailed(Throwable cause) {
          if (!failed) {
            listener.onFailed(cause);
          }
        }
      });
      return exchange[0];
    }

    @Override
    public Future<Void> close() {
      return real.close();
    }
  }
}
