package dev.signalbox.gateway;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.ServerConfig.ClientTimeouts;
import dev.signalbox.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's client connections and the time each may take, as nginx bounds them: the
 * request head must arrive within {@code header_timeout_ms} of the connection opening, a body may
 * pause at most {@code body_timeout_ms} between reads (then 408), and an idle keep-alive connection
 * is closed after {@code keepalive_timeout_ms}. A slow or silent client therefore holds a
 * connection for a bounded time. One sweep a second (or four per shortest timeout) checks every
 * connection, so a request costs a few field writes, not a timer. Used only on its event loop.
 */
final class ClientConnections {
  private enum Phase { HEAD, BODY, BUSY, IDLE }

  /** A connection's state; {@link #request} is the request it is on, while it is. */
  final class Client {
    private final HttpConnection connection;
    private Phase phase = Phase.HEAD;
    private long since = System.nanoTime();
    private Request request;

    private Client(HttpConnection connection) {
      this.connection = connection;
    }
  }

  /**
   * One request's hold on its connection and on the gateway's budget of request bodies. Ends,
   * once, when its response ends or its connection closes.
   */
  final class Request {
    private final Client client;
    private final HttpServerRequest http;
    private long reserved;
    private boolean ended;

    private Request(Client client, HttpServerRequest http) {
      this.client = client;
      this.http = http;
    }

    /** Counts {@code bytes} more of body against the budget; false (nothing counted) past it. */
    boolean reserve(int bytes) {
      if (!bodies.tryReserve(bytes)) {
        return false;
      }
      reserved += bytes;
      client.since = System.nanoTime();
      return true;
    }

    /** The body has been read: the request is the gateway's to answer, with no client timeout. */
    void bodyRead() {
      if (client.request == this) {
        client.phase = Phase.BUSY;
      }
    }

    /** Refuses the request with {@code e} (counted as the gateway's own refusal), closing its connection. */
    void refuseAndClose(OpenAiError e) {
      metrics.refused(e.code());
      Responses.refuseAndClose(http, e);
    }

    /** Answers with {@code e} (counted as the gateway's own refusal); the connection stays. */
    void refuse(OpenAiError e) {
      metrics.refused(e.code());
      Responses.error(http.response(), e);
    }

    void ended() {
      if (ended) {
        return;
      }
      ended = true;
      bodies.release(reserved);
      reserved = 0;
      if (client.request == this) {
        client.request = null;
        client.phase = Phase.IDLE;
        client.since = System.nanoTime();
      }
    }
  }

  private final ClientTimeouts timeouts;
  private final MemoryBudget bodies;
  private final GatewayMetrics metrics;
  private final Map<HttpConnection, Client> open = new IdentityHashMap<>();
  private final long sweep;

  ClientConnections(Vertx vertx, ClientTimeouts timeouts, MemoryBudget bodies, GatewayMetrics metrics) {
    this.timeouts = timeouts;
    this.bodies = bodies;
    this.metrics = metrics;
    long shortest = Math.min(timeouts.headerMs(), Math.min(timeouts.bodyMs(), timeouts.keepaliveMs()));
    long period = Math.max(10, Math.min(1_000, shortest / 4));
    this.sweep = vertx.setPeriodic(period, id -> sweep());
  }

  /**
   * A new connection: starts its head timeout, and swaps in a request decoder that flags a
   * request carrying both Content-Length and Transfer-Encoding (Netty would drop the length and
   * keep the connection, the shape of request smuggling; RFC 9112 says reject and close).
   */
  void accepted(HttpConnection connection, HttpServerOptions options) {
    Client client = new Client(connection);
    open.put(connection, client);
    connection.closeHandler(v -> {
      open.remove(connection);
      if (client.request != null) {
        client.request.ended();
      }
    });
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      if (pipeline.get("httpDecoder") instanceof VertxHttpRequestDecoder) {
        pipeline.replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(options));
      }
    }
  }

  /** A request's head has arrived on its connection. */
  Request started(HttpServerRequest http, boolean hasBody) {
    Client client = open.get(http.connection());
    if (client == null) { // not seen open (closed meanwhile): track the request alone
      client = new Client(http.connection());
    }
    Request request = new Request(client, http);
    client.request = request;
    client.phase = hasBody ? Phase.BODY : Phase.BUSY;
    client.since = System.nanoTime();
    http.response().endHandler(v -> request.ended());
    return request;
  }

  int size() {
    return open.size();
  }

  void close(Vertx vertx) {
    vertx.cancelTimer(sweep);
  }

  private void sweep() {
    long now = System.nanoTime();
    List<Client> late = new ArrayList<>();
    for (Client c : open.values()) {
      long limitMs = switch (c.phase) {
        case HEAD -> timeouts.headerMs();
        case BODY -> timeouts.bodyMs();
        case IDLE -> timeouts.keepaliveMs();
        case BUSY -> Long.MAX_VALUE;
      };
      if (limitMs != Long.MAX_VALUE && now - c.since >= TimeUnit.MILLISECONDS.toNanos(limitMs)) {
        late.add(c);
      }
    }
    for (Client c : late) {
      if (c.phase == Phase.BODY && c.request != null && !c.request.http.response().headWritten()) {
        c.request.refuseAndClose(new OpenAiError(408, "invalid_request_error", "request_timeout", null,
            "The request body stopped arriving: nothing came for " + timeouts.bodyMs() + " ms (server.body_timeout_ms)."));
      } else {
        c.connection.close();
      }
    }
  }

  /** Vert.x's request decoder, failing a request that has both Content-Length and Transfer-Encoding. */
  private static final class StrictRequestDecoder extends VertxHttpRequestDecoder {
    StrictRequestDecoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      super.handleTransferEncodingChunkedWithContentLength(message);
      message.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(
          "the request has both Content-Length and Transfer-Encoding")));
    }
  }
}
