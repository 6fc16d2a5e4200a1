package dev.signalbox.gateway.proxy;

import dev.signalbox.core.config.UpstreamConfig.HealthCheckConfig;
import dev.signalbox.core.pool.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;

/**
 * Probes every endpoint periodically. A probe fails when the endpoint cannot be reached, times
 * out or answers 5xx; a 4xx still proves the server is up (hosted APIs have no health path).
 */
public final class HealthChecker {
  private static final System.Logger LOG = System.getLogger(HealthChecker.class.getName());
  private final Vertx vertx;
  private final HttpClient client;
  private final List<Endpoint> endpoints;
  private final HealthCheckConfig config;
  private long timerId = -1;

  public HealthChecker(Vertx vertx, HttpClient client, List<Endpoint> endpoints, HealthCheckConfig config) {
    this.vertx = vertx;
    this.client = client;
    this.endpoints = endpoints;
    this.config = config;
  }

  public void start() {
    if (config.enabled()) {
      timerId = vertx.setPeriodic(config.interval().toMillis(), id -> probeAll());
    }
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Probes every endpoint once. */
  public void probeAll() {
    for (Endpoint e : endpoints) {
      probe(e);
    }
  }

  private void probe(Endpoint e) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(e.url() + config.path())
        .setTimeout(config.timeout().toMillis())
        .setConnectTimeout(config.timeout().toMillis());
    if (e.apiKey() != null) {
      options.putHeader("authorization", "Bearer " + e.apiKey().reveal());
    }
    client.request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> resp.statusCode()))
        .onComplete(ar -> {
          boolean ok = ar.succeeded() && ar.result() < 500;
          if (e.health().recordProbe(ok, System.nanoTime())) {
            String why = ar.succeeded() ? "HTTP " + ar.result() : String.valueOf(ar.cause().getMessage());
            LOG.log(ok ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                ok ? "endpoint {0} passed its health probe and is back in its pool"
                   : "endpoint {0} failed its health probe ({1}) and is out of its pool until a probe passes",
                e.id(), why);
          }
        });
  }
}
