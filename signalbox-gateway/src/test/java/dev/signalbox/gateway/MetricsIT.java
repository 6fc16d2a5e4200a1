package dev.signalbox.gateway;

import static dev.signalbox.gateway.GatewayFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The overhead header and {@code GET /metrics}. */
class MetricsIT {
  private static GatewayFixture fx;

  @BeforeAll
  static void start() {
    fx = GatewayFixture.start();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void overheadHeader_leavesOutTheWaitForTheUpstream() {
    long start = System.nanoTime();
    HttpResponse<String> r = fx.post("/v1/chat/completions", chat("auto", "hello there"));
    long totalNanos = System.nanoTime() - start;

    assertThat(r.statusCode()).isEqualTo(200);
    long overheadUs = Long.parseLong(r.headers().firstValue("x-signalbox-overhead-us").orElseThrow());
    // the simulated replica takes 10 ms to its first token: that wait is not the gateway's
    assertThat(overheadUs).isNotNegative();
    assertThat(overheadUs * 1_000).isLessThanOrEqualTo(totalNanos - 10_000_000);
  }

  @Test
  void overheadHeader_comesWithStreamsToo() {
    HttpResponse<String> r = fx.post("/v1/chat/completions",
        "{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-signalbox-overhead-us")).get().matches(v -> v.matches("[0-9]+"));
  }

  @Test
  void metrics_prometheusTextWithOverheadRequestsAndEndpoints() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      assertThat(fx.post("/v1/chat/completions", chat("cheap", "hi")).statusCode()).isEqualTo(200);
    }
    String text = awaitRequestsCounted("small", 3);
    HttpResponse<String> r = fx.get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).get().asString().startsWith("text/plain; version=0.0.4");
    assertThat(text).contains("# TYPE signalbox_overhead_seconds histogram\n");
    assertThat(value(text, "signalbox_overhead_seconds_count")).isGreaterThanOrEqualTo(3);
    assertThat(value(text, "signalbox_overhead_seconds_bucket{le=\"+Inf\"}"))
        .isEqualTo(value(text, "signalbox_overhead_seconds_count"));
    assertThat(text).contains("signalbox_endpoint_in_flight{endpoint=\"small/0\",model=\"small\"} ");
    assertThat(text).contains("signalbox_endpoint_available{endpoint=\"large/1\",model=\"large\"} 1\n");
    assertThat(text).contains("# TYPE jvm_memory_heap_used_bytes gauge\n");
  }

  @Test
  void overheadBuckets_reachSeconds() {
    String text = fx.get("/metrics").body();
    assertThat(value(text, "signalbox_overhead_seconds_bucket{le=\"0.1\"}")).isNotNegative();
    assertThat(value(text, "signalbox_overhead_seconds_bucket{le=\"10\"}")).isNotNegative();
  }

  @Test
  void aRequestRefusedByTheGateway_isCountedAsARefusal_notAsTheModels4xx() throws InterruptedException {
    String before = fx.get("/metrics").body();
    double small4xx = value(before, "signalbox_requests_total{model=\"small\",code=\"4xx\"}");
    String tooLong = chat("small", "word ".repeat(6000)); // small's context window is 4096 tokens
    HttpResponse<String> r = fx.post("/v1/chat/completions", tooLong);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("context_length_exceeded");
    assertThat(fx.post("/v1/chat/completions", chat("nope", "hi")).statusCode()).isEqualTo(404);
    String after = fx.get("/metrics").body();
    assertThat(value(after, "signalbox_refused_total{code=\"context_length_exceeded\"}")).isGreaterThanOrEqualTo(1);
    assertThat(value(after, "signalbox_refused_total{code=\"model_not_found\"}")).isGreaterThanOrEqualTo(1);
    assertThat(value(after, "signalbox_requests_total{model=\"small\",code=\"4xx\"}")).isEqualTo(small4xx);
  }

  @Test
  void metrics_onlyGet() {
    assertThat(fx.post("/metrics", "{}").statusCode()).isEqualTo(405);
  }

  /** Requests are counted just after their response ends; waits until the count shows. */
  private static String awaitRequestsCounted(String model, long atLeast) throws InterruptedException {
    String series = "signalbox_requests_total{model=\"" + model + "\",code=\"2xx\"}";
    for (int i = 0; i < 200; i++) {
      String text = fx.get("/metrics").body();
      if (value(text, series) >= atLeast) {
        return text;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("never counted " + atLeast + " requests as " + series);
  }

  private static double value(String text, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
