package dev.signalbox.gateway.load;

import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.pool.ReplicaLoad;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Reads each replica's vLLM Prometheus {@code /metrics} (requests waiting and running, KV-cache
 * usage) every {@code pool.metrics_interval_ms} of its model, and hands it to the endpoint, where
 * load-aware pool strategies find it. A replica that does not answer keeps its last reading,
 * which ages out; its health is the health checker's business, not this one's.
 */
public final class MetricsScraper {
  private final Vertx vertx;
  private final HttpClient client;
  private final List<Long> timers = new ArrayList<>();

  public MetricsScraper(Vertx vertx, HttpClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  /** Starts reading the replicas of every pool whose settings ask for it. */
  public void start(Iterable<Pool> pools, ToLongFunction<String> intervalMsOfModel) {
    for (Pool pool : pools) {
      long interval = intervalMsOfModel.applyAsLong(pool.model());
      if (interval > 0) {
        List<Endpoint> endpoints = pool.endpoints();
        timers.add(vertx.setPeriodic(1, interval, id -> endpoints.forEach(e -> read(e, interval))));
      }
    }
  }

  public void stop() {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }

  private void read(Endpoint e, long timeoutMs) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(e.url() + "/metrics")
        .setTimeout(timeoutMs)
        .setConnectTimeout(timeoutMs);
    if (e.apiKey() != null) {
      options.putHeader("authorization", "Bearer " + e.apiKey().reveal());
    }
    client.request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.statusCode() == 200 ? resp.body() : Future.failedFuture("HTTP " + resp.statusCode()))
        .onSuccess(body -> e.reportLoad(ReplicaLoad.fromPrometheus(body.toString(), System.nanoTime())));
  }
}
