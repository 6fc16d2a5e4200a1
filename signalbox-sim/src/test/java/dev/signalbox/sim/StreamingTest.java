package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamingTest {
  private static Vertx vertx;
  private static SimulatedReplica replica;

  @BeforeAll
  static void startReplica() {
    vertx = Vertx.vertx();
    // output_tokens 40 draws 20..60 tokens, so max_tokens 10 always cuts at 10
    replica = SimHttp.start(vertx, ReplicaSpec.of("sim-stream", SimHttp.profile(100, 20, 8, 8, 40)));
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void chatStreamIsPacedByTtftThenTpot() throws IOException {
    SimHttp.Stream stream = SimHttp.stream(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-stream", "Stream me a story", "{\"stream\": true, \"max_tokens\": 10}"));

    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");
    assertThat(stream.cacheControl()).isEqualTo("no-cache");
    assertThat(stream.broken()).isFalse();
    assertThat(stream.done()).isTrue();

    List<Long> times = stream.eventArrivals();
    // nothing before the first token is ready (ttft 100 ms) ...
    assertThat(times.get(0)).isGreaterThanOrEqualTo(90);
    // ... then 9 more tokens 20 ms apart (the last at ~280 ms), each sent as it is produced
    assertThat(times.get(times.size() - 1)).isGreaterThanOrEqualTo(240);
    long distinctArrivals = times.stream().map(t -> t / 10).distinct().count();
    assertThat(distinctArrivals).isGreaterThanOrEqualTo(5);

    List<JsonObject> events = stream.events();
    JsonObject first = events.get(0);
    assertThat(first.getString("id")).startsWith("chatcmpl-");
    assertThat(first.getString("object")).isEqualTo("chat.completion.chunk");
    assertThat(first.getString("model")).isEqualTo("sim-stream");
    JsonObject firstChoice = first.getJsonArray("choices").getJsonObject(0);
    assertThat(firstChoice.getJsonObject("delta"))
        .isEqualTo(new JsonObject().put("role", "assistant").put("content", ""));
    assertThat(firstChoice.getValue("finish_reason")).isNull();
    assertThat(first.containsKey("usage")).as("usage appears only with include_usage").isFalse();

    StringBuilder text = new StringBuilder();
    for (JsonObject e : events.subList(1, events.size() - 1)) {
      assertThat(e.getString("id")).isEqualTo(first.getString("id"));
      text.append(e.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"));
    }
    assertThat(text.toString().split(" ")).hasSize(10);
    JsonObject last = events.get(events.size() - 1).getJsonArray("choices").getJsonObject(0);
    assertThat(last.getString("finish_reason")).isEqualTo("length");
    assertThat(last.getJsonObject("delta")).isEqualTo(new JsonObject());
    assertThat(events).allSatisfy(e -> assertThat(e.getJsonArray("choices")).hasSize(1));
  }

  @Test
  void includeUsageAddsAFinalUsageChunkAndNullUsageElsewhere() throws IOException {
    SimHttp.Stream stream = SimHttp.stream(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-stream", "Count my tokens", "{\"stream\": true, \"max_tokens\": 3, "
            + "\"stream_options\": {\"include_usage\": true}}"));

    assertThat(stream.done()).isTrue();
    List<JsonObject> events = stream.events();
    JsonObject usageChunk = events.get(events.size() - 1);
    assertThat(usageChunk.getJsonArray("choices")).isEmpty();
    assertThat(usageChunk.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(3);
    assertThat(usageChunk.getJsonObject("usage").getInteger("total_tokens"))
        .isEqualTo(3 + usageChunk.getJsonObject("usage").getInteger("prompt_tokens"));
    for (JsonObject e : events.subList(0, events.size() - 1)) {
      assertThat(e.containsKey("usage")).isTrue();
      assertThat(e.getValue("usage")).isNull();
    }
    assertThat(events.get(events.size() - 2).getJsonArray("choices").getJsonObject(0)
        .getString("finish_reason")).isEqualTo("length");
  }

  @Test
  void streamedTextEqualsTheNonStreamedAnswer() throws IOException {
    String whole = SimHttp.json(SimHttp.post(replica.url(), "/v1/chat/completions",
            SimHttp.chat("sim-stream", "Same either way", "{\"max_tokens\": 5}")))
        .getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    SimHttp.Stream stream = SimHttp.stream(replica.url(), "/v1/chat/completions",
        SimHttp.chat("sim-stream", "Same either way", "{\"stream\": true, \"max_tokens\": 5}"));

    StringBuilder text = new StringBuilder();
    for (JsonObject e : stream.events()) {
      JsonObject delta = e.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
      text.append(delta.getString("content", ""));
    }
    assertThat(text.toString()).isEqualTo(whole);
  }

  @Test
  void completionStreamUsesTextChunks() throws IOException {
    String body = new JsonObject()
        .put("model", "sim-stream").put("prompt", "Stream a completion").put("max_tokens", 4)
        .put("stream", true).put("stream_options", new JsonObject().put("include_usage", true))
        .encode();
    SimHttp.Stream stream = SimHttp.stream(replica.url(), "/v1/completions", body);

    assertThat(stream.done()).isTrue();
    List<JsonObject> events = stream.events();
    // 4 tokens in 1..4 chunks, the finish chunk, the usage chunk
    assertThat(events.size()).isBetween(3, 6);
    StringBuilder text = new StringBuilder();
    for (JsonObject e : events.subList(0, events.size() - 2)) {
      assertThat(e.getString("id")).startsWith("cmpl-");
      assertThat(e.getString("object")).isEqualTo("text_completion");
      JsonObject choice = e.getJsonArray("choices").getJsonObject(0);
      assertThat(choice.getValue("finish_reason")).isNull();
      text.append(choice.getString("text"));
    }
    assertThat(text.toString().split(" ")).hasSize(4);
    assertThat(events.get(events.size() - 2).getJsonArray("choices").getJsonObject(0)
        .getString("finish_reason")).isEqualTo("length");
    assertThat(events.get(events.size() - 1).getJsonObject("usage").getInteger("completion_tokens"))
        .isEqualTo(4);
  }
}
