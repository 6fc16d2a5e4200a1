package dev.signalbox.core.pool;

import dev.signalbox.core.config.Secret;
import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica of a model, with the live state that pool strategies read: requests in flight and
 * health.
 */
public final class Endpoint {
  private final String id;
  private final String model;
  private final String url;
  private final String upstreamModel;
  private final Secret apiKey;
  private final EndpointHealth health;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile ReplicaLoad reportedLoad = ReplicaLoad.UNKNOWN;

  /**
   * @param id unique and stable, e.g. {@code sim-small/0}
   * @param model the model it serves (our name)
   * @param url base URL without {@code /v1}
   * @param upstreamModel the name the server expects (null: same as ours)
   * @param apiKey bearer credential (null: none)
   * @param breaker its circuit breaker's settings
   */
  public Endpoint(
      String id, String model, String url, String upstreamModel, Secret apiKey, CircuitBreakerConfig breaker) {
    this(id, model, url, upstreamModel, apiKey, breaker, (what, reason) -> { });
  }

  /** An endpoint whose health changes are reported to {@code listener}. */
  public Endpoint(String id, String model, String url, String upstreamModel, Secret apiKey,
      CircuitBreakerConfig breaker, EndpointHealth.Listener listener) {
    this.id = Objects.requireNonNull(id, "id");
    this.model = Objects.requireNonNull(model, "model");
    this.url = Objects.requireNonNull(url, "url");
    this.upstreamModel = upstreamModel == null ? model : upstreamModel;
    this.apiKey = apiKey;
    this.health = new EndpointHealth(breaker, listener);
  }

  public String id() {
    return id;
  }

  public String model() {
    return model;
  }

  public String url() {
    return url;
  }

  /** The model name to send upstream. */
  public String upstreamModel() {
    return upstreamModel;
  }

  /** The credential, or null. */
  public Secret apiKey() {
    return apiKey;
  }

  public EndpointHealth health() {
    return health;
  }

  /** Requests sent and not yet finished. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Counts a request as started; pair with {@link #finished()}. */
  public void started() {
    inFlight.incrementAndGet();
  }

  public void finished() {
    inFlight.decrementAndGet();
  }

  /** The load the replica last reported (its {@code /metrics}), or {@link ReplicaLoad#UNKNOWN}. */
  public ReplicaLoad reportedLoad() {
    return reportedLoad;
  }

  /** Records a load report read from the replica. */
  public void reportLoad(ReplicaLoad load) {
    this.reportedLoad = Objects.requireNonNull(load, "load");
  }

  @Override
  public String toString() {
    return id;
  }
}
