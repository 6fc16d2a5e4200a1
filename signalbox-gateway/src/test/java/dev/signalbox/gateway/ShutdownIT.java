package dev.signalbox.gateway;

import static dev.signalbox.gateway.GatewayFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A shutdown (the security probe's D9): requests in flight get the grace period to finish; a
 * stream still running when it ends gets an SSE error event, never a silent cut; the log says how
 * many were drained and how many cut.
 */
class ShutdownIT {

  @Test
  void aStreamOutlastingTheGracePeriod_endsWithAnErrorEvent_andTheLogCountsIt() throws Exception {
    String yaml = GatewayFixture.BASE_CONFIG
        .replace("shutdown_grace_ms: 500}", "shutdown_grace_ms: 700}")
        .replace("  - name: embed\n", "  - name: slow\n    input_price: 1\n    output_price: 1\n    endpoints:\n"
            + "      - simulated: {ttft_ms: 10, tpot_ms: 100, output_tokens: 200}\n  - name: embed\n");
    assertThat(yaml).contains("name: slow").contains("shutdown_grace_ms: 700");
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger log = Logger.getLogger(Gateway.class.getName());
    log.addHandler(capture);
    try (GatewayFixture fx = GatewayFixture.start(yaml, Map.of())) {
      HttpResponse<InputStream> stream = fx.http.send(HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"slow\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"tell a long story\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofInputStream());
      BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
      assertThat(reader.readLine()).startsWith("data: ");
      CompletableFuture<HttpResponse<String>> quick = fx.http.sendAsync(
          HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions")).header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(chat("large", "a short one"))).build(),
          HttpResponse.BodyHandlers.ofString());
      long deadline = System.nanoTime() + 5_000_000_000L; // it is in flight when the shutdown begins
      while (System.nanoTime() < deadline && GatewayFixture.json(fx.get("/admin/endpoints").body()).findValues("in_flight")
          .stream().mapToInt(n -> n.asInt()).sum() < 2) {
        Thread.sleep(2);
      }
      long start = System.nanoTime();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
        try {
          fx.gateway.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      List<String> rest = new ArrayList<>();
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isEmpty()) {
          rest.add(line);
        }
      }
      double tookS = (System.nanoTime() - start) / 1e9;
      assertThat(rest).isNotEmpty();
      String last = rest.get(rest.size() - 1);
      assertThat(last).startsWith("data: {\"error\"").contains("stream_interrupted", "shutting down");
      assertThat(rest).noneMatch(l -> l.equals("data: [DONE]"));
      assertThat(tookS).isBetween(0.5, 5.0);
      assertThat(quick.get().statusCode()).isEqualTo(200);
      closing.get(10, TimeUnit.SECONDS);
      assertThat(logged).anySatisfy(m -> assertThat(m).startsWith("shutdown: 2 requests were in flight; 1 finished, "
          + "1 cut with an error after the grace period (700 ms"));
    } finally {
      log.removeHandler(capture);
    }
  }
}
