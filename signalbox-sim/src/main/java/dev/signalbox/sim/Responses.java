package dev.signalbox.sim;

import dev.signalbox.core.api.OpenAiError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Sends whole responses: JSON, OpenAI errors, and bodies cut off halfway. */
final class Responses {
  private Responses() {}

  static void json(HttpServerResponse response, int status, JsonObject body) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.toBuffer());
  }

  static void error(HttpServerResponse response, OpenAiError error) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(error.status())
        .putHeader("content-type", "application/json")
        .end(error.json());
  }

  /**
   * Starts a 200 response that announces the whole body's length, sends the first half, then
   * closes the connection: the client sees a truncated body.
   */
  static void truncated(HttpServerRequest request, JsonObject body) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    Buffer bytes = body.toBuffer();
    response.setStatusCode(200)
        .putHeader("content-type", "application/json")
        .putHeader("content-length", String.valueOf(bytes.length()));
    response.write(bytes.getBuffer(0, bytes.length() / 2))
        .onComplete(written -> request.connection().close());
  }
}
