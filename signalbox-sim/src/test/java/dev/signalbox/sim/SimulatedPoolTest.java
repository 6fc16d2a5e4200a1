package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.EndpointConfig;
import dev.signalbox.core.config.ModelConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.request.Operation;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedPoolTest {
  private static final String TWO_REPLICAS = """
      simulator:
        seed: 9
      models:
        - name: tiny
          endpoints:
            - simulated: {ttft_ms: 5, tpot_ms: 0, output_tokens: 4}
            - simulated: {ttft_ms: 5, tpot_ms: 0, output_tokens: 4, faults: {error_rate: 1.0, error_status: 502}}
        - name: real
          endpoints:
            - url: http://10.1.2.3:8000
      """;

  @Test
  void startsTheDefaultConfigAndEveryUrlAnswers() throws IOException {
    SignalboxConfig config = ConfigLoader.loadDefault();
    try (SimulatedPool pool = SimulatedPool.start(config, SimHttp.HOST, 0)) {
      assertThat(pool.replicas()).hasSize(8);
      Set<String> urls = new HashSet<>();
      for (ModelConfig model : pool.config().models()) {
        List<SimulatedReplica> replicas = pool.replicas(model.name());
        assertThat(replicas).hasSize(model.endpoints().size());
        for (int i = 0; i < model.endpoints().size(); i++) {
          EndpointConfig endpoint = model.endpoints().get(i);
          assertThat(endpoint.url()).isEqualTo(replicas.get(i).url()).startsWith("http://127.0.0.1:");
          assertThat(endpoint.isSimulated()).isTrue();
          urls.add(endpoint.url());

          assertThat(SimHttp.get(endpoint.url(), "/health").statusCode()).isEqualTo(200);
          HttpResponse<String> answer = model.spec().serves(Operation.CHAT)
              ? SimHttp.post(endpoint.url(), "/v1/chat/completions",
                  SimHttp.chat(model.name(), "hello", "{\"max_tokens\": 2}"))
              : SimHttp.post(endpoint.url(), "/v1/embeddings",
                  new JsonObject().put("model", model.name()).put("input", "hello").encode());
          assertThat(answer.statusCode()).as(model.name() + " " + answer.body()).isEqualTo(200);
          assertThat(SimHttp.json(answer).getString("model")).isEqualTo(model.name());
        }
      }
      assertThat(urls).hasSize(8);
      assertThat(pool.replica("sim-large", 1).spec().index()).isEqualTo(1);
      assertThat(pool.replica("sim-large", 1).spec().seed()).isEqualTo(SimulatorConfig.of(config).seed());
    }
  }

  @Test
  void fillsOnlySimulatedEndpointsAndKeepsTheirProfiles() throws IOException {
    SignalboxConfig config = ConfigLoader.parse(TWO_REPLICAS, name -> null);
    try (SimulatedPool pool = SimulatedPool.start(config, SimHttp.HOST, 0)) {
      assertThat(pool.replicas()).hasSize(2);
      assertThat(pool.replicas("real")).isEmpty();
      assertThat(pool.config().models().get(1).endpoints().get(0).url()).isEqualTo("http://10.1.2.3:8000");

      String second = pool.config().models().get(0).endpoints().get(1).url();
      assertThat(SimHttp.post(second, "/v1/chat/completions", SimHttp.chat("tiny", "x", null)).statusCode())
          .isEqualTo(502);
      assertThat(pool.replica("tiny", 1).stats().errorsInjected()).isEqualTo(1);
    }
  }

  @Test
  void basePortGivesConsecutivePorts() throws IOException {
    SignalboxConfig config = ConfigLoader.parse(TWO_REPLICAS, name -> null);
    IllegalStateException lastFailure = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int base = freePort();
      try (SimulatedPool pool = SimulatedPool.start(config, SimHttp.HOST, base)) {
        assertThat(pool.replica("tiny", 0).port()).isEqualTo(base);
        assertThat(pool.replica("tiny", 1).port()).isEqualTo(base + 1);
        assertThat(URI.create(pool.config().models().get(0).endpoints().get(1).url()).getPort())
            .isEqualTo(base + 1);
        return;
      } catch (IllegalStateException e) {
        lastFailure = e; // base + 1 was taken by someone else: try another range
      }
    }
    throw lastFailure;
  }

  @Test
  void aTakenPortFailsTheStartClearlyAndReleasesTheOthers() throws IOException {
    SignalboxConfig config = ConfigLoader.parse(TWO_REPLICAS, name -> null);
    for (int attempt = 0; attempt < 5; attempt++) {
      int base = freePort();
      ServerSocket taken;
      try {
        taken = new ServerSocket(base + 1, 50, InetAddress.getByName(SimHttp.HOST));
      } catch (IOException e) {
        continue; // base + 1 is not ours to take: try another range
      }
      try (taken) {
        assertThatThrownBy(() -> SimulatedPool.start(config, SimHttp.HOST, base))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("tiny#1")
            .hasMessageContaining(String.valueOf(base + 1));
        // the replica that did start on base was closed again (its listener unbinds on the event
        // loop, so give it a moment)
        assertThat(canBindWithin(base, 3_000)).as("port %d released", base).isTrue();
        return;
      }
    }
    throw new IllegalStateException("found no free pair of ports");
  }

  @Test
  void startsOnACallersVertxAndLeavesItRunning() throws IOException {
    Vertx vertx = Vertx.vertx();
    try {
      SignalboxConfig config = ConfigLoader.parse(TWO_REPLICAS, name -> null);
      SimulatedPool pool = SimulatedPool.start(vertx, config, SimHttp.HOST, 0);
      String url = pool.replica("tiny", 0).url();
      assertThat(SimHttp.get(url, "/health").statusCode()).isEqualTo(200);
      pool.close();
      assertThatThrownBy(() -> SimHttp.get(url, "/health")).isInstanceOf(IOException.class);
      assertThat(vertx.setTimer(1, id -> { })).isNotNegative(); // still usable
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static boolean canBindWithin(int port, long millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (true) {
      try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName(SimHttp.HOST))) {
        return again.getLocalPort() == port;
      } catch (java.net.BindException e) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(SimHttp.HOST))) {
      return s.getLocalPort();
    }
  }
}
