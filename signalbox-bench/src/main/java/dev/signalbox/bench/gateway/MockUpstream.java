package dev.signalbox.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAI-compatible upstream of the gateway benchmark: a fixed chat completion as JSON, or as
 * four SSE chunks, a finish chunk and {@code [DONE]} when the body asks for {@code "stream":true}.
 * Paths under {@code /paced} answer after {@code paceMs} (JSON), or send each content chunk
 * {@code paceMs} apart (SSE); every other path answers at once. Precomputed buffers and no JSON
 * parsing keep it cheap enough not to be the bottleneck of what it measures.
 */
public final class MockUpstream {
  public static final String PACED_PREFIX = "/paced";

  private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json");
  private static final CharSequence SSE_TYPE = HttpHeaders.createOptimized("text/event-stream");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final Buffer COMPLETION = Buffer.buffer("{\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion\","
      + "\"created\":1700000000,\"model\":\"mock-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
      + "\"assistant\",\"content\":\"Hello from the mock upstream.\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}");
  private static final Buffer[] CONTENT_CHUNKS = {
    chunk("{\"content\":\"Hello\"}", "null"),
    chunk("{\"content\":\" from\"}", "null"),
    chunk("{\"content\":\" the\"}", "null"),
    chunk("{\"content\":\" mock.\"}", "null"),
  };
  private static final Buffer FINISH = Buffer.buffer()
      .appendBuffer(chunk("{}", "\"stop\""))
      .appendString("data: [DONE]\n\n");
  private static final Buffer HEALTHY = Buffer.buffer("{\"status\":\"ok\"}");
  private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STREAM_SPACE_TRUE = "\"stream\": true".getBytes(StandardCharsets.US_ASCII);

  private final Vertx vertx;
  private final long paceMs;
  private HttpServer server;

  private MockUpstream(Vertx vertx, long paceMs) {
    this.vertx = vertx;
    this.paceMs = paceMs;
  }

  /** Starts listening on {@code host:port} (0: a free port). */
  public static Future<MockUpstream> start(Vertx vertx, String host, int port, long paceMs) {
    MockUpstream mock = new MockUpstream(vertx, paceMs);
    mock.server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true));
    return mock.server.requestHandler(mock::handle).listen().map(s -> mock);
  }

  /** The port it listens on. */
  public int port() {
    return server.actualPort();
  }

  /** Stops listening. */
  public Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    if (req.method() == HttpMethod.GET) {
      resp.putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE).end(HEALTHY);
      return;
    }
    boolean paced = req.path().startsWith(PACED_PREFIX);
    req.body().onSuccess(body -> {
      if (contains(body, STREAM_TRUE) || contains(body, STREAM_SPACE_TRUE)) {
        stream(resp, paced);
      } else if (paced) {
        vertx.setTimer(paceMs, id -> json(resp));
      } else {
        json(resp);
      }
    });
  }

  private static void json(HttpServerResponse resp) {
    resp.putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE).end(COMPLETION);
  }

  private void stream(HttpServerResponse resp, boolean paced) {
    MultiMap headers = resp.headers();
    headers.add(HttpHeaders.CONTENT_TYPE, SSE_TYPE).add(HttpHeaders.CACHE_CONTROL, NO_CACHE);
    resp.setChunked(true);
    if (!paced) {
      for (Buffer chunk : CONTENT_CHUNKS) {
        resp.write(chunk);
      }
      resp.end(FINISH);
      return;
    }
    writePaced(resp, 0);
  }

  private void writePaced(HttpServerResponse resp, int next) {
    vertx.setTimer(paceMs, id -> {
      if (resp.closed()) {
        return;
      }
      resp.write(CONTENT_CHUNKS[next]);
      if (next + 1 < CONTENT_CHUNKS.length) {
        writePaced(resp, next + 1);
      } else {
        resp.end(FINISH);
      }
    });
  }

  private static Buffer chunk(String delta, String finishReason) {
    return Buffer.buffer("data: {\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
        + "\"model\":\"mock-model\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
        + finishReason + "}]}\n\n");
  }

  static boolean contains(Buffer haystack, byte[] needle) {
    int last = haystack.length() - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack.getByte(i + j) != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
