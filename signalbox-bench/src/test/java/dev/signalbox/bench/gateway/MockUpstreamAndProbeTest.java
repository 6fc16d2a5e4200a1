package dev.signalbox.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mock upstream as the first-chunk probe sees it, over loopback. */
class MockUpstreamAndProbeTest {
  private static Vertx vertx;
  private static MockUpstream mock;
  private static Target direct;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    mock = MockUpstream.start(vertx, "127.0.0.1", 0, 20).await(10, TimeUnit.SECONDS);
    direct = new Target(Target.DIRECT, mock.port(), mock.port());
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void probe_streamsFromTheMockWithoutErrors() throws Exception {
    FirstChunkProbe.Result r = FirstChunkProbe.run(direct, Load.STREAM_C1, 5, 50);
    assertThat(r.errors()).isZero();
    assertThat(r.ttfcP50Us()).isPositive().isLessThanOrEqualTo(r.totalP50Us());
    assertThat(r.overheadP50Us()).isEqualTo(-1); // the mock sends no overhead header
  }

  @Test
  void probe_readsJsonAnswersToo() throws Exception {
    assertThat(FirstChunkProbe.run(direct, Load.C1, 0, 20).errors()).isZero();
  }

  @Test
  void pacedStream_firstChunkComesAfterThePace_andTheRestAfterMore() throws Exception {
    FirstChunkProbe.Result r = FirstChunkProbe.run(direct, Load.PACED_STREAM_C1, 0, 3);
    assertThat(r.errors()).isZero();
    // four chunks 20 ms apart: the first after one pace, the end after four
    assertThat(r.ttfcP50Us()).isGreaterThanOrEqualTo(20_000);
    assertThat(r.totalP50Us()).isGreaterThanOrEqualTo(80_000);
  }

  @Test
  void contains_findsTheStreamFlag() {
    byte[] needle = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);
    assertThat(MockUpstream.contains(Buffer.buffer("{\"model\":\"m\",\"stream\":true}"), needle)).isTrue();
    assertThat(MockUpstream.contains(Buffer.buffer("{\"stream\":false}"), needle)).isFalse();
    assertThat(MockUpstream.contains(Buffer.buffer("\"stream\""), needle)).isFalse();
  }
}
