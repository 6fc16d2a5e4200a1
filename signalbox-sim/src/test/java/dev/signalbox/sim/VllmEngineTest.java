package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.pool.ReplicaLoad;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A simulated replica running the vLLM-like engine on real timers, over HTTP. */
class VllmEngineTest {
  /** A slow prefill (2,000 tokens/s) so that a cached prefix shows plainly in the time to first token. */
  static final ReplicaProfile PROFILE = ReplicaProfile.vllm(new ReplicaProfile.Vllm(2000, 5, 0, 2048, 2048));
  private static Vertx vertx;
  private static SimulatedReplica replica;

  @BeforeAll
  static void startReplica() {
    vertx = Vertx.vertx();
    replica = SimHttp.start(vertx, ReplicaSpec.of("sim-vllm", PROFILE));
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  static String longChat(String question) {
    String context = "Policy clause about refunds and returns for every order we ship. ".repeat(120);
    return SimHttp.chat("sim-vllm", context + question, "{\"stream\": true, \"max_tokens\": 4}");
  }


  @Test
  void cachedPrefix_cutsTheTimeToFirstToken_andShowsInMetrics() throws IOException {
    SimHttp.Stream cold = SimHttp.stream(replica.url(), "/v1/chat/completions", longChat("First question?"));
    SimHttp.Stream warm = SimHttp.stream(replica.url(), "/v1/chat/completions", longChat("Second question?"));
    assertThat(cold.done()).isTrue();
    assertThat(warm.done()).isTrue();
    // about 1,000 prompt tokens: ~0.5 s of prefill cold, a step or two once cached
    assertThat(cold.eventArrivals().get(0)).isGreaterThanOrEqualTo(400);
    assertThat(warm.eventArrivals().get(0)).isLessThan(200);

    String metrics = SimHttp.get(replica.url(), "/metrics").body();
    double hits = ReplicaLoad.sample(metrics, ReplicaLoad.PREFIX_HITS, false);
    assertThat(hits).isGreaterThan(800);
    assertThat(ReplicaLoad.sample(metrics, ReplicaLoad.PREFIX_QUERIES, false)).isGreaterThan(hits);
    assertThat(ReplicaLoad.fromPrometheus(metrics, 0)).isEqualTo(new ReplicaLoad(0, 0, 0, 0));
  }

  @Test
  void metrics_showRequestsRunningAndTheirKvWhileBusy() throws Exception {
    CompletableFuture<HttpResponse<String>> busy = SimHttp.postAsync(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-vllm", "Tell me everything. ".repeat(50), "{\"max_tokens\": 150}"));
    ReplicaLoad seen = ReplicaLoad.UNKNOWN;
    for (int i = 0; i < 100 && seen.running() == 0; i++) {
      Thread.sleep(10);
      seen = ReplicaLoad.fromPrometheus(SimHttp.get(replica.url(), "/metrics").body(), 0);
    }
    assertThat(seen.running()).isEqualTo(1);
    assertThat(seen.kvUsage()).isGreaterThan(0);
    assertThat(busy.get().statusCode()).isEqualTo(200);
  }
}
