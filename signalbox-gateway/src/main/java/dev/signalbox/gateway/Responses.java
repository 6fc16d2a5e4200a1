package dev.signalbox.gateway;

import dev.signalbox.core.api.OpenAiError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** How the gateway's own answers are written: JSON bodies, OpenAI errors, and refusals that close. */
final class Responses {
  /** After a refusal, the rest of a body is read and dropped for at most this long, or this many bytes. */
  private static final long LINGER_MS = 2_000;
  private static final long LINGER_BYTES = 1 << 20;

  private Responses() {}

  static Future<Void> json(HttpServerResponse resp, int status, Buffer body) {
    return resp.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  /** Sends an OpenAI error, unless an answer is already under way. */
  static Future<Void> error(HttpServerResponse resp, OpenAiError e) {
    if (resp.headWritten()) {
      return Future.succeededFuture();
    }
    return json(resp, e.status(), Buffer.buffer(e.json()));
  }

  /**
   * Answers with {@code e} and closes the connection. A client still sending its body gets a
   * bounded lingering close (as nginx's lingering_close): the rest is read and dropped until it
   * ends, {@link #LINGER_BYTES} pass or {@link #LINGER_MS} elapse, so the client can read the
   * answer before the close, and the gateway never takes in an unbounded body it refused.
   */
  static void refuseAndClose(HttpServerRequest req, OpenAiError e) {
    HttpServerResponse resp = req.response();
    HttpConnection connection = req.connection();
    if (resp.headWritten()) {
      connection.close();
      return;
    }
    resp.putHeader("connection", "close");
    boolean bodyDone = req.isEnded();
    Future<Void> written = error(resp, e);
    if (bodyDone) {
      written.onComplete(v -> connection.close());
      return;
    }
    long[] dropped = {0};
    req.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > LINGER_BYTES) {
        connection.close();
      }
    });
    req.endHandler(v -> connection.close());
    req.exceptionHandler(t -> connection.close());
    req.resume();
    Context context = Vertx.currentContext();
    if (context != null) {
      context.owner().setTimer(LINGER_MS, id -> connection.close());
    }
  }
}
