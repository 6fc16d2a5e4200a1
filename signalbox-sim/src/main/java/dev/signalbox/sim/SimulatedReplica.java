package dev.signalbox.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Objects;

/**
 * One simulated model replica: an HTTP/1.1 server speaking the OpenAI API for one model, with the
 * latency, capacity and faults of a {@link ReplicaProfile}. It runs as a verticle on one event
 * loop; the control methods ({@link #setProfile}, {@link #setHealthy}, {@link #stats}) are safe
 * from any thread.
 */
public final class SimulatedReplica {
  private final ReplicaSpec spec;
  private final String host;
  private final ReplicaCounters counters = new ReplicaCounters();
  private volatile ReplicaProfile profile;
  private volatile boolean healthy = true;
  private volatile ServingEngine engine;
  private volatile int port;
  private Vertx vertx;
  private String deploymentId;

  private SimulatedReplica(ReplicaSpec spec, String host) {
    this.spec = spec;
    this.host = host;
    this.profile = spec.profile();
  }

  /**
   * Starts a replica on {@code host:port} (port 0: any free port) with the engine its profile names:
   * the vLLM-like one when it has {@code vllm} parameters, else the fixed-latency one.
   */
  public static Future<SimulatedReplica> start(Vertx vertx, ReplicaSpec spec, String host, int port) {
    return start(vertx, spec, host, port,
        spec.profile().vllm() != null ? VllmEngine.FACTORY : FixedLatencyEngine.FACTORY);
  }

  /** Starts a replica whose latency and capacity come from {@code engines}. */
  public static Future<SimulatedReplica> start(
      Vertx vertx, ReplicaSpec spec, String host, int port, ServingEngine.Factory engines) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(host, "host");
    SimulatedReplica replica = new SimulatedReplica(spec, host);
    replica.vertx = vertx;
    return vertx.deployVerticle(replica.new Server(port, engines))
        .map(id -> {
          replica.deploymentId = id;
          return replica;
        })
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot start simulated replica " + replica.name() + " on " + host + ":" + port + ": "
                + e.getMessage(), e)));
  }

  /** Stops the server; requests in progress are cut off. */
  public Future<Void> close() {
    if (deploymentId == null) {
      return Future.succeededFuture();
    }
    String id = deploymentId;
    deploymentId = null;
    return vertx.undeploy(id);
  }

  public ReplicaSpec spec() {
    return spec;
  }

  /** The served model's name. */
  public String model() {
    return spec.model().name();
  }

  /** The replica's position among its model's endpoints. */
  public int index() {
    return spec.index();
  }

  public String host() {
    return host;
  }

  /** The port it listens on (the one picked when started with port 0). */
  public int port() {
    return port;
  }

  /** Its base URL, e.g. {@code http://127.0.0.1:40123} (the OpenAI API lives under /v1). */
  public String url() {
    return "http://" + urlHost(host) + ":" + port;
  }

  public ReplicaProfile profile() {
    return profile;
  }

  /** Replaces the profile; requests that arrive from now on use it. */
  public void setProfile(ReplicaProfile newProfile) {
    this.profile = Objects.requireNonNull(newProfile, "profile");
  }

  public boolean healthy() {
    return healthy;
  }

  /** Sets what {@code GET /health} answers: 200 when healthy, 503 when not. */
  public void setHealthy(boolean isHealthy) {
    this.healthy = isHealthy;
  }

  /** A snapshot of the replica's counters. */
  public ReplicaStats stats() {
    return counters.snapshot(engine);
  }

  @Override
  public String toString() {
    return "SimulatedReplica[" + name() + " at " + url() + "]";
  }

  private String name() {
    return spec.model().name() + "#" + spec.index();
  }

  /** The host as it goes into a URL: wildcards as loopback, IPv6 in brackets. */
  static String urlHost(String host) {
    if (host.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    if (host.equals("::") || host.equals("[::]")) {
      return "[::1]";
    }
    if (host.contains(":") && !host.startsWith("[")) {
      return "[" + host + "]";
    }
    return host;
  }

  /** The verticle that owns the replica's server and engine on its own event loop. */
  private final class Server extends VerticleBase {
    private final int requestedPort;
    private final ServingEngine.Factory engines;
    private HttpServer server;

    Server(int requestedPort, ServingEngine.Factory engines) {
      this.requestedPort = requestedPort;
      this.engines = engines;
    }

    @Override
    public Future<?> start() {
      ServingEngine created = engines.create(vertx, SimulatedReplica.this::profile);
      engine = created;
      HttpServerOptions options = new HttpServerOptions()
          .setHost(host)
          .setPort(requestedPort)
          .setHttp2ClearTextEnabled(false)
          .setTcpNoDelay(true);
      server = vertx.createHttpServer(options)
          .requestHandler(new ReplicaRequestHandler(
              spec, SimulatedReplica.this::profile, SimulatedReplica.this::healthy, counters, created));
      return server.listen().onSuccess(s -> port = s.actualPort());
    }

    @Override
    public Future<?> stop() {
      return server == null ? Future.succeededFuture() : server.close();
    }
  }
}
