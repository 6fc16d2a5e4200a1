package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.sim.ReplicaProfile.Faults;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private static final String CHAT = "/v1/chat/completions";
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
  void errorRateOneAnswersTheErrorStatus() throws IOException {
    SimulatedReplica replica = start(new Faults(1.0, 503, 0, 0, 0, 0));

    HttpResponse<String> response = SimHttp.post(replica.url(), CHAT, SimHttp.chat("sim-faulty", "hi", null));

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject error = SimHttp.json(response).getJsonObject("error");
    assertThat(error.getString("type")).isEqualTo("server_error");
    assertThat(error.getString("message")).contains("Injected fault");
    assertThat(replica.stats().errorsInjected()).isEqualTo(1);
    assertThat(replica.stats().completed()).isZero();
  }

  @Test
  void resetRateOneClosesTheConnectionBeforeAnyResponse() {
    SimulatedReplica replica = start(new Faults(0, 500, 0, 0, 1.0, 0));

    assertThatThrownBy(() -> SimHttp.post(replica.url(), CHAT, SimHttp.chat("sim-faulty", "hi", null)))
        .isInstanceOf(IOException.class);
    assertThat(replica.stats().resets()).isEqualTo(1);
  }

  @Test
  void cutRateOneEndsAStreamHalfwayWithoutDone() throws IOException {
    SimulatedReplica replica = start(new Faults(0, 500, 0, 0, 0, 1.0));

    SimHttp.Stream stream = SimHttp.stream(replica.url(), CHAT,
        SimHttp.chat("sim-faulty", "cut me", "{\"stream\": true, \"max_tokens\": 10}"));

    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.done()).isFalse();
    assertThat(stream.lines()).doesNotContain("data: [DONE]");
    StringBuilder text = new StringBuilder();
    for (JsonObject e : stream.events()) {
      JsonObject choice = e.getJsonArray("choices").getJsonObject(0);
      assertThat(choice.getValue("finish_reason")).isNull();
      text.append(choice.getJsonObject("delta").getString("content"));
    }
    assertThat(text.toString().split(" ")).hasSize(5);
    assertThat(replica.stats().cuts()).isEqualTo(1);
    assertThat(replica.stats().inFlight()).isZero();
  }

  @Test
  void cutRateOneTruncatesAJsonBody() {
    SimulatedReplica replica = start(new Faults(0, 500, 0, 0, 0, 1.0));

    assertThatThrownBy(() -> SimHttp.post(replica.url(), CHAT, SimHttp.chat("sim-faulty", "cut me", null)))
        .isInstanceOf(IOException.class);
    assertThat(replica.stats().cuts()).isEqualTo(1);
  }

  @Test
  void spikeRateOneDelaysTheFirstToken() throws IOException {
    SimulatedReplica replica = start(new Faults(0, 500, 1.0, 300, 0, 0));
    String body = SimHttp.chat("sim-faulty", "spike", null);

    long spiked = SimHttp.timed(() -> assertThat(SimHttp.post(replica.url(), CHAT, body).statusCode()).isEqualTo(200));
    replica.setProfile(replica.profile().withFaults(Faults.NONE));
    long normal = SimHttp.timed(() -> SimHttp.post(replica.url(), CHAT, body));

    assertThat(spiked).isGreaterThanOrEqualTo(300);
    assertThat(spiked - normal).isGreaterThanOrEqualTo(200);
    assertThat(replica.stats().spikes()).isEqualTo(1);
  }

  @Test
  void sameSeedAndProfileGiveTheSameFaultSequence() {
    Faults faults = new Faults(0.5, 500, 0.5, 20, 0.2, 0.3);
    ReplicaSpec spec = ReplicaSpec.of("sim-faulty", profile(faults)).withSeed(1234);
    SimulatedReplica a = SimHttp.start(vertx, spec);
    SimulatedReplica b = SimHttp.start(vertx, spec);
    SimulatedReplica otherIndex = SimHttp.start(vertx, spec.withIndex(1));

    List<String> outcomesA = outcomes(a, 24);
    List<String> outcomesB = outcomes(b, 24);
    List<String> outcomesOther = outcomes(otherIndex, 24);

    assertThat(outcomesB).isEqualTo(outcomesA);
    assertThat(b.stats().spikes()).isEqualTo(a.stats().spikes());
    assertThat(outcomesA).contains("ok", "error 500", "reset", "cut");
    assertThat(a.stats().resets()).isEqualTo(outcomesA.stream().filter("reset"::equals).count());
    assertThat(a.stats().cuts()).isEqualTo(outcomesA.stream().filter("cut"::equals).count());
    assertThat(outcomesOther).isNotEqualTo(outcomesA);
  }

  private SimulatedReplica start(Faults faults) {
    return SimHttp.start(vertx, ReplicaSpec.of("sim-faulty", profile(faults)));
  }

  private static ReplicaProfile profile(Faults faults) {
    return new ReplicaProfile(10, 1, 8, 8, 8, 16, faults);
  }

  /** Sends requests one after another and names what happened to each. */
  private static List<String> outcomes(SimulatedReplica replica, int n) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        SimHttp.Stream r = SimHttp.stream(replica.url(), CHAT, SimHttp.chat("sim-faulty", "q" + i, null));
        if (r.status() != 200) {
          seen.add("error " + r.status());
        } else {
          seen.add(r.broken() ? "cut" : "ok");
        }
      } catch (IOException e) {
        seen.add("reset"); // no status line at all
      }
    }
    return seen;
  }
}
