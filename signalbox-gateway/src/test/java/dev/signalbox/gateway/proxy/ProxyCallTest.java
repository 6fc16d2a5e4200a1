package dev.signalbox.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.api.OpenAiRequestParser;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.upstream.Upstreams;
import dev.signalbox.gateway.DecisionRecord;
import dev.signalbox.gateway.MemoryBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay without sockets: a scripted upstream, a recording client response and manual time
 * drive one call through retries, deadlines, holding, streaming, back-pressure and endings.
 */
class ProxyCallTest {
  private static final long MS = 1_000_000L;
  private static final String CONFIG = """
      upstream:
        first_byte_timeout_ms: 1000
        idle_timeout_ms: 500
        keepalive_ms: 200
        total_timeout_ms: 10000
        max_attempts: 3
        circuit_breaker: {consecutive_failures: 5}
      models:
        - name: m
          input_price: 1
          output_price: 2
          pool: round-robin
          endpoints: [{url: "http://127.0.0.1:9001"}, {url: "http://127.0.0.1:9002"}]
      """;
  private static final String ANSWER = "{\"choices\":[{\"message\":{\"content\":\"hi\"}}],"
      + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";

  private final ManualTimers timers = new ManualTimers();
  private final ScriptedUpstream upstream = new ScriptedUpstream();
  private final RecordingResponse client = new RecordingResponse();
  private final SignalboxConfig config = ConfigLoader.parse(CONFIG, name -> null);
  private final Upstreams upstreams = Upstreams.from(config, timers::now);
  private final ActiveCalls active = new ActiveCalls();
  private final ProxyContext context = new ProxyContext(timers, timers::now, bound -> bound / 2, upstream,
      config.upstream(), upstreams, config.catalog(), new UpstreamText(List.of()), new MemoryBudget(1 << 20), active);
  private DecisionRecord record;
  private boolean done;
  private final List<RequestOutcome> settled = new ArrayList<>();

  private ProxyCall call(boolean stream) {
    String body = "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    OpenAiRequest parsed = OpenAiRequestParser.parse(Operation.CHAT, body.getBytes(StandardCharsets.UTF_8));
    RouteRequest request = new RouteRequest("r1", Operation.CHAT, "m", parsed.messages(), parsed.maxTokens(), stream,
        Map.of());
    Trace trace = new Trace("fixed", "test", List.of());
    record = new DecisionRecord("r1", 0, Operation.CHAT, "m", "direct", "m", stream, Map.of(), trace);
    ProxyCall call = new ProxyCall(context, client, parsed, request, 3,
        new Routed("direct", new Decision("m", trace), List.of()), record, new OverheadClock(timers.now()),
        new CallObserver() {
          @Override
          public void settled(RequestOutcome outcome) {
            settled.add(outcome);
            record.finished(outcome);
          }

          @Override
          public void done() {
            done = true;
          }
        });
    call.start();
    return call;
  }

  private Endpoint endpoint(int i) {
    return upstreams.pool("m").endpoints().get(i);
  }

  @Test
  void aJsonAnswer_isHeldWhole_thenSentWithItsLength_andRecorded() {
    call(false);
    assertThat(active.size()).isEqualTo(1);
    upstream.last().head(200, "application/json").chunk(ANSWER.substring(0, 20));
    assertThat(client.body).isEmpty(); // held until complete
    upstream.last().chunk(ANSWER.substring(20)).end();
    assertThat(client.body).hasToString(ANSWER);
    assertThat(client.headers).containsEntry("content-length", String.valueOf(ANSWER.length()))
        .containsEntry("x-signalbox-endpoint", "m/0");
    assertThat(client.ended).isTrue();
    assertThat(done).isTrue();
    assertThat(active.size()).isZero();
    assertThat(record.toMap().toString()).contains("status=200", "prompt_tokens=3", "completion_tokens=2");
    assertThat(settled).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(200);
      assertThat(o.servedModel()).isEqualTo("m");
      assertThat(o.costUsd()).isEqualTo((3 * 1 + 2 * 2) / 1e6);
    });
    assertThat(endpoint(0).inFlight()).isZero();
  }

  @Test
  void aServerError_isRetriedOnTheOtherReplica_andTheClientSeesOnlyTheAnswer() {
    call(false);
    upstream.last().json(500, "{\"error\":{\"message\":\"overloaded\"}}");
    assertThat(upstream.sent).hasSize(2);
    assertThat(upstream.sent.get(1).address).isNotEqualTo(upstream.sent.get(0).address);
    upstream.last().json(200, ANSWER);
    assertThat(client.status).isEqualTo(200);
    assertThat(client.body).hasToString(ANSWER);
    assertThat(record.attempts()).extracting(DecisionRecord.Attempt::outcome)
        .containsExactly("HTTP 500: overloaded", "HTTP 200");
  }

  @Test
  void noFirstByteInTime_failsTheAttempt_andAbandonsIt() {
    call(false);
    ScriptedUpstream.Sent first = upstream.last();
    timers.advance(1_000 * MS);
    assertThat(first.reset).isTrue();
    assertThat(upstream.sent).hasSize(2);
    first.json(200, "{\"late\":true}"); // a late answer of the abandoned attempt is ignored
    assertThat(client.body).isEmpty();
    upstream.last().json(200, ANSWER);
    assertThat(client.body).hasToString(ANSWER);
    assertThat(record.attempts().get(0).outcome()).isEqualTo("no response within 1000 ms");
  }

  @Test
  void aStream_isRelayedAsItComes_withBackPressure() {
    call(true);
    ScriptedUpstream.Sent s = upstream.last();
    s.head(200, "text/event-stream").chunk("data: {\"a\":1}\n\n");
    assertThat(client.body).hasToString("data: {\"a\":1}\n\n");
    assertThat(client.chunked).isTrue();
    client.queueFull = true;
    s.chunk("data: {\"a\":2}\n\n");
    assertThat(s.paused).as("the upstream waits for a slow client").isTrue();
    client.drain();
    assertThat(s.paused).isFalse();
    s.chunk("data: [DONE]\n\n");
    assertThat(record.toMap().toString()).as("recorded on [DONE]").contains("status=200");
    s.end();
    assertThat(client.ended).isTrue();
  }

  @Test
  void aStreamCutAfterItsFirstChunk_endsWithAnErrorEvent_andCountsAgainstTheEndpoint() {
    call(true);
    ScriptedUpstream.Sent s = upstream.last();
    s.head(200, "text/event-stream").chunk("data: {\"a\":1}\n\n");
    s.fail(new IOException("the upstream closed the connection"));
    assertThat(upstream.sent).hasSize(1); // never retried once bytes went out
    assertThat(client.body.toString()).endsWith("\n\n").contains("stream_interrupted");
    assertThat(endpoint(0).health().totalFailures()).isEqualTo(1);
    assertThat(done).isTrue();
  }

  @Test
  void aSlowFirstToken_getsKeepAlives_thenTheStream() {
    call(true);
    timers.advance(450 * MS);
    assertThat(client.body).hasToString(": keep-alive\n\n: keep-alive\n\n");
    assertThat(client.headers).containsEntry("content-type", "text/event-stream");
    upstream.last().head(200, "text/event-stream").chunk("data: [DONE]\n\n").end();
    assertThat(client.body.toString()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void theClientLeaving_abandonsTheUpstream_andRecords499() {
    call(false);
    ScriptedUpstream.Sent s = upstream.last();
    client.close();
    assertThat(s.reset).isTrue();
    assertThat(done).isTrue();
    assertThat(record.toMap().toString()).contains("status=499");
    assertThat(endpoint(0).inFlight()).isZero();
  }

  @Test
  void everyReplicaFailing_givesA502SayingWhatWasTried() {
    call(false);
    upstream.last().fail(new IOException("connection reset"));
    upstream.last().head(200, "text/html").chunk("<html>").end();
    assertThat(upstream.sent).hasSize(2);
    assertThat(client.status).isEqualTo(502);
    assertThat(client.body.toString()).contains("failed on every path tried (2 attempts)", "connection reset",
        "content type text/html, not JSON");
  }

  @Test
  void aShutdown_endsTheCallsInFlight() {
    call(true);
    upstream.last().head(200, "text/event-stream").chunk("data: {\"a\":1}\n\n");
    assertThat(active.abortAll("the gateway is shutting down")).isEqualTo(1);
    assertThat(client.body.toString()).contains("stream_interrupted", "the gateway is shutting down");
    assertThat(active.size()).isZero();
  }
}
