package dev.signalbox.gateway.proxy;

import dev.signalbox.core.request.Operation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

/**
 * What a proxied request needs of an HTTP client: send one POST to an endpoint and hear the
 * answer as it comes. One per event loop, used only on it.
 */
public interface UpstreamClient {

  /**
   * The client of the event loop that runs {@code context}: plain-HTTP endpoints on raw Netty
   * channels of that loop, at most {@code maxConnections} to each; TLS ones through {@code tls}.
   */
  static UpstreamClient onEventLoop(Context context, int maxConnections, HttpClient tls) {
    VertxInternal vertx = (VertxInternal) context.owner();
    UpstreamClient plain = new NettyUpstreamClient(((ContextInternal) context).nettyEventLoop(),
        vertx.transport().channelFactory(false), vertx.nameResolver().nettyAddressResolverGroup(), maxConnections,
        NettyUpstreamClient.IDLE_TIMEOUT_NANOS);
    return split(plain, new VertxUpstreamClient(tls));
  }

  /**
   * POSTs {@code body} to {@code operation}'s path at {@code address} with {@code headers} (name,
   * value pairs, besides host, content-type and content-length) once a pooled connection is free.
   */
  Exchange send(UpstreamAddress address, Operation operation, CharSequence[] headers, byte[] body,
      long connectTimeoutMs, Listener listener);

  /** Closes every connection. */
  Future<Void> close();

  /** One request in flight. */
  interface Exchange {
    /** Stops reading the answer (the client is slower than the upstream). */
    void pause();

    void resume();

    /** Abandons the exchange: its connection is closed, and the listener hears nothing more. */
    void reset();
  }

  /** The answer, in order: a failure to connect; or a head, chunks and an end; or a failure. */
  interface Listener {
    void onConnectFailed(Throwable cause);

    void onHead(Head head);

    void onChunk(Buffer chunk);

    void onEnd();

    /** The connection failed before or during the answer. */
    void onFailed(Throwable cause);
  }

  /** The final (never informational) status and the headers the proxy acts on or relays (null where absent). */
  record Head(int status, String contentType, String contentLength, String retryAfter, String contentEncoding,
      String location) {}

  /** Plain-HTTP endpoints through {@code plain}, TLS ones through {@code tls}. */
  private static UpstreamClient split(UpstreamClient plain, UpstreamClient tls) {
    return new UpstreamClient() {
      @Override
      public Exchange send(UpstreamAddress address, Operation operation, CharSequence[] headers, byte[] body,
          long connectTimeoutMs, Listener listener) {
        return (address.ssl() ? tls : plain).send(address, operation, headers, body, connectTimeoutMs, listener);
      }

      @Override
      public Future<Void> close() {
        return Future.join(plain.close(), tls.close()).mapEmpty();
      }
    };
  }
}
