package dev.signalbox.gateway.proxy;

import dev.signalbox.core.config.UpstreamConfig.HealthCheckConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.ProbeSchedule;
import dev.signalbox.core.upstream.ResilienceLog;
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
  private final Vertx vertx;
  private final HttpClient client;
  private final List<Endpoint> endpoints;
  private final HealthCheckConfig config;
  private final ProbeSchedule schedule;
  private long timerId = -1;

  private final ResilienceLog events;

  public HealthChecker(Vertx vertx, HttpClient client, List<Endpoint> endpoints, HealthCheckConfig config,
      ResilienceLog events) {
    this.events = events;
    this.vertx = vertx;
    this.client = client;
    this.endpoints = endpoints;
    this.config = config;
    this.schedule = new ProbeSchedule(endpoints, config);
  }

  /** Ticks every {@code unhealthy_interval}, probing what the {@link ProbeSchedule} says is due. */
  public void start() {
    if (config.enabled()) {
      timerId = vertx.setPeriodic(config.unhealthyInterval().toMillis(), id -> probeDue());
    }
  }

  private void probeDue() {
    schedule.due(System.nanoTime()).forEach(this::probe);
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
            events.record(ok ? "probe passed" : "probe failed", e.id(),
                ok ? "back in its pool" : why + "; out of its pool until a probe passes");
          }
        });
  }
}
