package dev.signalbox.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client response that records what a call wrote, with a write queue the test fills and drains. */
final class RecordingResponse implements ClientResponse {
  int status = 200;
  final Map<String, String> headers = new LinkedHashMap<>();
  final StringBuilder body = new StringBuilder();
  boolean chunked;
  boolean ended;
  boolean reset;
  boolean queueFull;
  private Runnable onClose = () -> { };
  private Runnable onDrain = () -> { };

  /** The client leaves. */
  void close() {
    onClose.run();
  }

  /** The client reads what was queued. */
  void drain() {
    queueFull = false;
    onDrain.run();
  }

  @Override
  public void onClose(Runnable action) {
    onClose = action;
  }

  @Override
  public void status(int code) {
    status = code;
  }

  @Override
  public void header(CharSequence name, CharSequence value) {
    headers.putIfAbsent(name.toString(), value.toString());
  }

  @Override
  public void replaceHeader(CharSequence name, CharSequence value) {
    headers.put(name.toString(), value.toString());
  }

  @Override
  public void chunked() {
    chunked = true;
  }

  @Override
  public Future<Void> write(Buffer data) {
    body.append(data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end(Buffer data) {
    body.append(data);
    ended = true;
    return Future.succeededFuture();
  }

  @Override
  public void end() {
    ended = true;
  }

  @Override
  public void reset() {
    reset = true;
  }

  @Override
  public boolean writeQueueFull() {
    return queueFull;
  }

  @Override
  public void onDrain(Runnable action) {
    onDrain = action;
  }

  @Override
  public boolean ended() {
    return ended;
  }
}
