package dev.signalbox.gateway.proxy;

import dev.signalbox.core.request.Operation;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An upstream client with no sockets: each request it is sent waits in {@link #sent} for the test
 * to answer it (a head, chunks, an end, a failure), in the way Netty tests a handler on an
 * embedded channel. Records pauses, resumes and resets.
 */
final class ScriptedUpstream implements UpstreamClient {
  /** One request sent, and what the test does with it. */
  static final class Sent implements Exchange {
    final UpstreamAddress address;
    final byte[] body;
    final Listener listener;
    boolean paused;
    boolean reset;

    Sent(UpstreamAddress address, byte[] body, Listener listener) {
      this.address = address;
      this.body = body;
      this.listener = listener;
    }

    Sent head(int status, String contentType) {
      listener.onHead(new Head(status, contentType, null, null, null, null));
      return this;
    }

    Sent chunk(String text) {
      listener.onChunk(Buffer.buffer(text));
      return this;
    }

    void end() {
      listener.onEnd();
    }

    /** A whole JSON answer. */
    void json(int status, String body) {
      head(status, "application/json").chunk(body).end();
    }

    void fail(Throwable cause) {
      listener.onFailed(cause);
    }

    @Override
    public void pause() {
      paused = true;
    }

    @Override
    public void resume() {
      paused = false;
    }

    @Override
    public void reset() {
      reset = true;
    }
  }

  final List<Sent> sent = new ArrayList<>();

  @Override
  public Exchange send(UpstreamAddress address, Operation operation, CharSequence[] headers, byte[] body,
      long connectTimeoutMs, Listener listener) {
    Sent s = new Sent(address, body, listener);
    sent.add(s);
    return s;
  }

  Sent last() {
    return sent.get(sent.size() - 1);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
