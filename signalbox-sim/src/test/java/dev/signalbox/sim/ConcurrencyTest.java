package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void aSecondRequestWaitsForTheFirstWhenOneSlot() {
    SimulatedReplica replica =
        SimHttp.start(vertx, ReplicaSpec.of("sim-one", SimHttp.profile(150, 0, 1, 8, 4)));

    List<CompletableFuture<Long>> calls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      long t0 = System.nanoTime();
      calls.add(SimHttp.postAsync(replica.url(), "/v1/chat/completions",
              SimHttp.chat("sim-one", "request " + i, null))
          .thenApply(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            return (System.nanoTime() - t0) / 1_000_000;
          }));
    }
    List<Long> latencies = calls.stream().map(CompletableFuture::join).sorted().toList();

    assertThat(latencies.get(0)).isGreaterThanOrEqualTo(140);
    // the later one waited ~150 ms in the queue, then took its own 150 ms
    assertThat(latencies.get(1)).isGreaterThanOrEqualTo(280);
    ReplicaStats stats = replica.stats();
    assertThat(stats.maxConcurrencyObserved()).isEqualTo(1);
    assertThat(stats.completed()).isEqualTo(2);
    assertThat(stats.inFlight()).isZero();
    assertThat(stats.queued()).isZero();
  }

  @Test
  void requestsBeyondTheQueueGet503Overloaded() {
    SimulatedReplica replica =
        SimHttp.start(vertx, ReplicaSpec.of("sim-full", SimHttp.profile(400, 0, 1, 1, 4)));

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(SimHttp.postAsync(replica.url(), "/v1/chat/completions",
          SimHttp.chat("sim-full", "request " + i, null)));
    }
    List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

    List<HttpResponse<String>> refused =
        responses.stream().filter(r -> r.statusCode() == 503).toList();
    assertThat(refused).hasSize(1);
    assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSize(2);
    JsonObject error = SimHttp.json(refused.get(0)).getJsonObject("error");
    assertThat(error.getString("type")).isEqualTo("server_error");
    assertThat(error.getString("code")).isEqualTo("overloaded");
    assertThat(replica.stats().rejected()).isEqualTo(1);
  }

  @Test
  void statsShowRunningAndQueuedWhileBusy() throws Exception {
    SimulatedReplica replica =
        SimHttp.start(vertx, ReplicaSpec.of("sim-busy", SimHttp.profile(300, 0, 2, 8, 4)));

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(SimHttp.postAsync(replica.url(), "/v1/chat/completions",
          SimHttp.chat("sim-busy", "request " + i, null)));
    }
    ReplicaStats busy = waitFor(replica, s -> s.inFlight() + s.queued() == 5);
    assertThat(busy.inFlight()).isEqualTo(2);
    assertThat(busy.queued()).isEqualTo(3);
    calls.forEach(CompletableFuture::join);
    assertThat(replica.stats().maxConcurrencyObserved()).isEqualTo(2);
  }

  @Test
  void setProfileAppliesToNewRequests() throws Exception {
    SimulatedReplica replica =
        SimHttp.start(vertx, ReplicaSpec.of("sim-change", SimHttp.profile(10, 0, 4, 4, 4)));
    String body = SimHttp.chat("sim-change", "how fast?", null);

    long fast = SimHttp.timed(() -> SimHttp.post(replica.url(), "/v1/chat/completions", body));
    replica.setProfile(SimHttp.profile(250, 0, 4, 4, 4));
    long slow = SimHttp.timed(() -> SimHttp.post(replica.url(), "/v1/chat/completions", body));

    assertThat(fast).isLessThan(200);
    assertThat(slow).isGreaterThanOrEqualTo(240);
  }

  static ReplicaStats waitFor(SimulatedReplica replica, Predicate<ReplicaStats> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    ReplicaStats stats = replica.stats();
    while (!condition.test(stats) && System.nanoTime() < deadline) {
      Thread.sleep(5);
      stats = replica.stats();
    }
    return stats;
  }
}
