package dev.signalbox.cli;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.ModelConfig;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.gateway.Gateway;
import dev.signalbox.sim.SimulatedPool;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the gateway, starting any simulated replicas the configuration asks for. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway. Without --config it serves the built-in simulated pool.")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: the built-in one).")
  Path configFile;

  @Option(names = "--port", paramLabel = "N", description = "Port to listen on (overrides server.port).")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on (overrides server.host).")
  String host;

  @Override
  public Integer call() throws Exception {
    ServerSignals.ignoreHangup();
    // a file's routes are built while it is read, so that every problem is reported before anything starts
    SignalboxConfig config = configFile == null ? ConfigLoader.loadDefault()
        : ConfigLoader.load(configFile, RoutingTable::from);
    if (port != null) {
      config = config.withServer(config.server().withPort(port));
    }
    if (host != null) {
      config = config.withServer(config.server().withHost(host));
    }

    Vertx vertx = Vertx.vertx(VertxSetup.options());
    Running running;
    try {
      SimulatedPool sims = SimulatedPool.start(vertx, config, "127.0.0.1", 0);
      Gateway gateway = startGateway(vertx, sims.config());
      running = new Running(vertx, gateway, sims, config.server().shutdownGraceMs());
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    printBanner(running.gateway.port(), running.vertx.isNativeTransportEnabled(), config, running.sims.config());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "signalbox-shutdown"));
    stopped.await();
    return 0;
  }

  private static Gateway startGateway(Vertx vertx, SignalboxConfig config) throws Exception {
    try {
      return Gateway.start(vertx, config).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw ServerSignals.explainListening(e, config.server().host() + ":" + config.server().port(),
          "--port or server.port");
    }
  }

  private void printBanner(int boundPort, boolean nativeTransport, SignalboxConfig config, SignalboxConfig resolved) {
    String base = "http://" + config.server().host() + ":" + boundPort;
    StringBuilder sb = new StringBuilder();
    sb.append("Signalbox gateway listening on ").append(base).append("/v1")
        .append(nativeTransport ? " (native transport)" : "").append('\n');
    for (ModelConfig m : resolved.models()) {
      long simulated = m.endpoints().stream().filter(e -> e.isSimulated()).count();
      sb.append(String.format("  model %-12s %d endpoint(s)%s, $%.2f / $%.2f per 1M tokens in/out%n",
          m.name(), m.endpoints().size(), simulated > 0 ? " (simulated)" : "",
          m.spec().inputPricePerMillion(), m.spec().outputPricePerMillion()));
    }
    config.routes().forEach(r -> sb.append(String.format("  route %-12s policy %s%n", r.name(), r.policy())));
    sb.append("Try: curl -s ").append(base)
        .append("/v1/chat/completions -H 'content-type: application/json' \\\n       -d '{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'\n");
    System.out.print(sb);
    System.out.flush();
  }

  private record Running(Vertx vertx, Gateway gateway, SimulatedPool sims, long graceMs) {
    void close() {
      try {
        gateway.close().await(graceMs + 5_000, TimeUnit.MILLISECONDS); // the grace period, then the cut
        sims.close();
      } catch (Exception ignored) {
        // shutting down anyway
      }
      vertx.close();
    }
  }
}
