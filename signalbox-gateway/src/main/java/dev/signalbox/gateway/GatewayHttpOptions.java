package dev.signalbox.gateway;

import dev.signalbox.core.config.ServerConfig;
import dev.signalbox.core.config.UpstreamConfig;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The HTTP options of each event loop's server and upstream client, set for a proxy that speaks
 * HTTP/1.1 to both sides: no stage in a connection's pipeline that the gateway does not use.
 */
final class GatewayHttpOptions {
  private GatewayHttpOptions() {}

  /**
   * The listener. WebSocket compression and the h2c upgrade are off: each adds a handler that
   * inspects every request, and the OpenAI API uses neither. Strict thread mode: a response is
   * written straight to its channel instead of through a thread-safe queue, which holds because
   * every response is written on the event loop that accepted its request.
   */
  static HttpServerOptions server(ServerConfig config, int port) {
    return new HttpServerOptions()
        .setHost(config.host())
        .setPort(port)
        .setTcpNoDelay(true)
        .setTcpQuickAck(true)
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setHttp2ClearTextEnabled(false)
        .setStrictThreadMode(true);
  }

  /** The upstream client of TLS endpoints: keep-alive, no Nagle delay. */
  static HttpClientOptions client(UpstreamConfig upstream) {
    return new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setTcpQuickAck(true)
        .setConnectTimeout((int) upstream.connectTimeout().toMillis());
  }

  /** Each event loop's share of the connections an endpoint may have. */
  static PoolOptions pool(UpstreamConfig upstream, int eventLoops) {
    return new PoolOptions().setHttp1MaxSize(perEventLoop(upstream, eventLoops));
  }

  static int perEventLoop(UpstreamConfig upstream, int eventLoops) {
    return Math.max(1, upstream.maxConnectionsPerEndpoint() / eventLoops);
  }
}
