package dev.signalbox.gateway;

import dev.signalbox.core.config.ModelConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.gateway.load.MetricsScraper;
import dev.signalbox.gateway.metrics.GatewayMetrics;
import dev.signalbox.gateway.proxy.HealthChecker;
import dev.signalbox.core.upstream.Upstreams;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import dev.signalbox.gateway.proxy.UpstreamClient;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Signalbox gateway: an OpenAI-compatible HTTP API that routes each request to a model and a
 * replica and relays the answer. Start it with {@link #start(Vertx, SignalboxConfig)}.
 */
public final class Gateway {
  private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
  private final Vertx vertx;
  private final GatewayState state;
  private final HealthChecker health;
  private final MetricsScraper scraper;
  private final HttpClient probeClient;
  private final List<String> deploymentIds;
  private final int port;

  private Gateway(Vertx vertx, GatewayState state, HealthChecker health, MetricsScraper scraper,
      HttpClient probeClient, List<String> deploymentIds, int port) {
    this.vertx = vertx;
    this.state = state;
    this.health = health;
    this.scraper = scraper;
    this.probeClient = probeClient;
    this.deploymentIds = deploymentIds;
    this.port = port;
  }

  /**
   * Starts the gateway: builds routes and pools (a bad route fails here with a {@link
   * dev.signalbox.core.config.ConfigException}), then listens with one server per event loop.
   */
  public static Future<Gateway> start(Vertx vertx, SignalboxConfig config) {
    return start(vertx, config, UnaryOperator.identity());
  }

  /** As {@link #start(Vertx, SignalboxConfig)}, each event loop's upstream client passed through {@code clients} (tests). */
  static Future<Gateway> start(Vertx vertx, SignalboxConfig config, UnaryOperator<UpstreamClient> clients) {
    GatewayState state;
    try {
      state = new GatewayState(config, clients);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (!config.auth().enabled() && !BrowserPolicy.isLoopback(config.server().host())) {
      LOG.log(System.Logger.Level.WARNING, "serving on " + config.server().host() + " without auth: anyone who "
          + "reaches it can spend anything; add auth: with keys: to the configuration");
    }
    int instances = config.server().eventLoops() > 0
        ? config.server().eventLoops()
        : Runtime.getRuntime().availableProcessors();
    AtomicInteger bound = new AtomicInteger();
    // Servers of one Vert.x instance on the same port share it; a negative port is Vert.x's way
    // of letting several servers share one free port.
    int port = config.server().port() == 0 ? -1 : config.server().port();
    List<String> ids = new CopyOnWriteArrayList<>();
    return state.learners.start(vertx)
        .compose(v -> vertx.deployVerticle(() -> new ApiVerticle(state, port, instances, bound),
            new DeploymentOptions().setInstances(instances).setThreadingModel(ThreadingModel.EVENT_LOOP)))
        .onSuccess(ids::add)
        .map(id -> {
          HttpClient probeClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
          HealthChecker checker = new HealthChecker(vertx, probeClient, state.upstreams.endpoints(),
              config.upstream().healthCheck(), state.upstreams.log());
          checker.start();
          MetricsScraper scraper = new MetricsScraper(vertx, probeClient);
          scraper.start(state.upstreams.pools(), model -> metricsInterval(config, model));
          return new Gateway(vertx, state, checker, scraper, probeClient, List.copyOf(ids), bound.get());
        });
  }

  private static long metricsInterval(SignalboxConfig config, String model) {
    for (ModelConfig m : config.models()) {
      if (m.name().equals(model)) {
        return m.metricsIntervalMs();
      }
    }
    return 0;
  }

  /** The port the gateway listens on. */
  public int port() {
    return port;
  }

  /** The decisions of recent requests. */
  public DecisionLog decisions() {
    return state.decisions;
  }

  /** The pools of endpoints, with their live state. */
  public Upstreams upstreams() {
    return state.upstreams;
  }

  /** The gateway's metrics; other components register theirs in its registry. */
  public GatewayMetrics metrics() {
    return state.metrics;
  }

  /** Probes every endpoint now (tests and operators need not wait for the next interval). */
  public void probeNow() {
    health.probeAll();
  }

  /**
   * Stops listening, lets requests in flight finish within {@code server.shutdown_grace_ms} (then
   * ends the rest with an error), logs how many were drained and cut, and closes upstream
   * connections.
   */
  public Future<Void> close() {
    health.stop();
    scraper.stop();
    return Future.join(deploymentIds.stream().map(vertx::undeploy).toList())
        .onComplete(v -> LOG.log(System.Logger.Level.INFO,
            state.shutdown.summary(state.config.server().shutdownGraceMs())))
        .compose(v -> probeClient.close())
        .compose(v -> state.learners.close(vertx));
  }
}
