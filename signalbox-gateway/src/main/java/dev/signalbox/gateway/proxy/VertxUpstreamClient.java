package dev.signalbox.gateway.proxy;

import dev.signalbox.core.request.Operation;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** Upstream exchanges over Vert.x's HTTP client: the path for TLS endpoints. */
final class VertxUpstreamClient implements UpstreamClient {
  private final HttpClient client;

  VertxUpstreamClient(HttpClient client) {
    this.client = client;
  }

  @Override
  public Exchange send(UpstreamAddress address, Operation operation, CharSequence[] headers, byte[] body,
      long connectTimeoutMs, Listener listener) {
    RequestOptions options = address.options(operation).setMethod(HttpMethod.POST)
        .setConnectTimeout(connectTimeoutMs).putHeader(HttpHeaders.CONTENT_TYPE, ProxyHeaders.APPLICATION_JSON)
        .putHeader(HttpHeaders.ACCEPT_ENCODING, HttpHeaders.IDENTITY);
    for (int i = 0; i < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    VertxExchange exchange = new VertxExchange(listener);
    client.request(options).onComplete(ar -> {
      if (exchange.reset) {
        if (ar.succeeded()) {
          ar.result().reset();
        }
      } else if (ar.failed()) {
        listener.onConnectFailed(ar.cause());
      } else {
        exchange.sent(ar.result(), Buffer.buffer(body));
      }
    });
    return exchange;
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private static final class VertxExchange implements Exchange {
    private final Listener listener;
    private HttpClientRequest request;
    private HttpClientResponse response;
    private boolean reset;

    VertxExchange(Listener listener) {
      this.listener = listener;
    }

    void sent(HttpClientRequest req, Buffer body) {
      request = req;
      req.send(body).onComplete(ar -> {
        if (reset) {
          return;
        }
        if (ar.failed()) {
          listener.onFailed(ar.cause());
          return;
        }
        HttpClientResponse resp = ar.result();
        response = resp;
        resp.handler(chunk -> {
          if (!reset) {
            listener.onChunk(chunk);
          }
        });
        resp.endHandler(v -> {
          if (!reset) {
            listener.onEnd();
          }
        });
        resp.exceptionHandler(t -> {
          if (!reset) {
            listener.onFailed(t);
          }
        });
        listener.onHead(new Head(resp.statusCode(), resp.getHeader(HttpHeaders.CONTENT_TYPE),
            resp.getHeader(HttpHeaders.CONTENT_LENGTH), resp.getHeader(HttpHeaders.RETRY_AFTER),
            resp.getHeader(HttpHeaders.CONTENT_ENCODING), resp.getHeader(HttpHeaders.LOCATION)));
      });
    }

    @Override
    public void pause() {
      if (response != null) {
        response.pause();
      }
    }

    @Override
    public void resume() {
      if (response != null) {
        response.resume();
      }
    }

    @Override
    public void reset() {
      reset = true;
      if (request != null) {
        request.reset();
      }
    }
  }
}
