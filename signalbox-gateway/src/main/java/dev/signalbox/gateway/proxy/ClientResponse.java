package dev.signalbox.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * What a proxied call needs of its client's response: a head to fill, bytes to write with
 * back-pressure, an end, and word of the client leaving. The gateway's is Vert.x's server
 * response; tests script their own, so a call runs without sockets.
 */
public interface ClientResponse {
  /** Runs {@code action} once the client has gone before the response ended. */
  void onClose(Runnable action);

  void status(int code);

  /** Adds a header to the head (before it is sent). */
  void header(CharSequence name, CharSequence value);

  /** Sets a header, replacing one of the same name. */
  void replaceHeader(CharSequence name, CharSequence value);

  /** The body goes out in chunks (no Content-Length). */
  void chunked();

  Future<Void> write(Buffer data);

  Future<Void> end(Buffer data);

  void end();

  /** Drops the connection: how a JSON answer already under way reports that it broke. */
  void reset();

  /** Whether the client's write queue is full (the upstream should pause). */
  boolean writeQueueFull();

  /** Runs {@code action} when the write queue has room again. */
  void onDrain(Runnable action);

  boolean ended();

  /** A Vert.x server response. */
  static ClientResponse of(HttpServerResponse response) {
    return new ClientResponse() {
      @Override
      public void onClose(Runnable action) {
        response.closeHandler(v -> action.run());
      }

      @Override
      public void status(int code) {
        if (code != 200) { // the default, and setting it costs a status lookup
          response.setStatusCode(code);
        }
      }

      @Override
      public void header(CharSequence name, CharSequence value) {
        response.headers().add(name, value);
      }

      @Override
      public void replaceHeader(CharSequence name, CharSequence value) {
        response.headers().set(name, value);
      }

      @Override
      public void chunked() {
        response.setChunked(true);
      }

      @Override
      public Future<Void> write(Buffer data) {
        return response.write(data);
      }

      @Override
      public Future<Void> end(Buffer data) {
        return response.end(data);
      }

      @Override
      public void end() {
        response.end();
      }

      @Override
      public void reset() {
        response.reset();
      }

      @Override
      public boolean writeQueueFull() {
        return response.writeQueueFull();
      }

      @Override
      public void onDrain(Runnable action) {
        response.drainHandler(v -> action.run());
      }

      @Override
      public boolean ended() {
        return response.ended();
      }
    };
  }
}
