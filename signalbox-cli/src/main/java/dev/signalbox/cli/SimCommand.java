package dev.signalbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.sim.SimulatedPool;
import dev.signalbox.sim.SimulatedReplica;
import dev.signalbox.sim.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the simulated replicas of a configuration as standalone OpenAI-compatible servers. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Run simulated OpenAI-compatible model servers: every `simulated:` endpoint of the "
        + "configuration (default: the built-in pool) on consecutive ports.")
final class SimCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration whose simulated endpoints to run.")
  Path configFile;

  @Option(names = "--port", paramLabel = "BASE", defaultValue = "9000",
      description = "First port; replicas take BASE, BASE+1, ... (0: free ports). Default: ${DEFAULT-VALUE}.")
  int basePort;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on.")
  String host;

  @Option(names = "--write-config", paramLabel = "FILE",
      description = "Write a gateway configuration that points at these servers.")
  Path writeConfig;

  @Override
  public Integer call() throws Exception {
    ServerSignals.ignoreHangup();
    String yaml = configFile == null ? ConfigLoader.defaultYaml() : Files.readString(configFile, StandardCharsets.UTF_8);
    SignalboxConfig config = configFile == null ? ConfigLoader.loadDefault() : ConfigLoader.load(configFile);
    SimulatedPool pool;
    try {
      pool = SimulatedPool.start(config, host, basePort);
    } catch (Exception e) {
      throw ServerSignals.explainListening(e, host + ":" + basePort + " (or a port after it)", "--port");
    }
    StringBuilder sb = new StringBuilder("Simulated model servers (seed " + SimulatorConfig.of(config).seed() + "):\n");
    for (SimulatedReplica r : pool.replicas()) {
      sb.append(String.format("  %-12s #%d  %s/v1%n", r.model(), r.index(), r.url()));
    }
    if (writeConfig != null) {
      Files.writeString(writeConfig, gatewayConfig(yaml, pool.config()), StandardCharsets.UTF_8);
      sb.append("Gateway configuration written to ").append(writeConfig)
          .append(" (run: signalbox serve --config ").append(writeConfig).append(")\n");
    }
    System.out.print(sb);
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pool.close();
      stopped.countDown();
    }, "signalbox-sim-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * The original configuration with each simulated endpoint replaced by the URL it now listens on.
   * Works on the unsubstituted text, so no secret from the environment is written out.
   */
  static String gatewayConfig(String originalYaml, SignalboxConfig resolved) throws Exception {
    YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    JsonNode root = yaml.readTree(originalYaml);
    Iterator<JsonNode> models = root.path("models").elements();
    for (int m = 0; models.hasNext(); m++) {
      Iterator<JsonNode> endpoints = models.next().path("endpoints").elements();
      for (int e = 0; endpoints.hasNext(); e++) {
        ObjectNode endpoint = (ObjectNode) endpoints.next();
        if (endpoint.has("simulated")) {
          endpoint.remove("simulated");
          endpoint.put("url", resolved.models().get(m).endpoints().get(e).url());
        }
      }
    }
    return "# Gateway configuration for `signalbox sim` servers; generated, edit freely.\n"
        + yaml.writeValueAsString(root);
  }
}
