package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.SignalboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  /** A key's line in the reference: its path, and the value of a policy or engine it belongs to. */
  private static final Pattern KEY_LINE = Pattern.compile("([a-z_.\\[\\]]+): .*?( \\[\\w+: [^]]+])?");

  @Test
  void check_acceptsTheBuiltInConfiguration(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("default.yaml");
    Files.writeString(file, ConfigLoader.defaultYaml());
    CliRun run = CliRun.of("config", "--check", file.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(file + ": OK (4 models, 3 routes)\n");
  }

  @Test
  void check_countsInTheSingular(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("one.yaml");
    Files.writeString(file, "models: [{name: m, endpoints: [{url: 'http://127.0.0.1:9'}]}]\n"
        + "routes: [{name: r, policy: fixed, model: m}]\n");
    assertThat(CliRun.of("config", "--check", file.toString()).out()).isEqualTo(file + ": OK (1 model, 1 route)\n");
    Files.writeString(file, "models: [{name: m, endpoints: [{url: 'http://127.0.0.1:9'}]}]\n");
    assertThat(CliRun.of("config", "--check", file.toString()).out()).isEqualTo(file + ": OK (1 model, 0 routes)\n");
  }

  @Test
  void check_refusesABadRouteWithExitCode2(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        models:
          - name: m
            endpoints: [{url: "http://127.0.0.1:9"}]
        routes:
          - name: r
            policy: fixed
            model: missing
        """);
    CliRun run = CliRun.of("config", "--check", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("routes[0].model: unknown model 'missing'; known: m\n" + file + ": 1 problem\n");
  }

  @Test
  void check_reportsEveryProblemInFileOrderThenTheCount(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        server:
          port: eighty
        models:
          - name: m
            input_price: cheap
            endpoints:
              - url: localhost:8000
        routes:
          - {name: r, policy: fixed, model: missing}
        state: {store: disk}
        """);
    CliRun run = CliRun.of("config", "--check", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines().toList()).containsExactly(
        "server.port: expected an integer, got \"eighty\"",
        "models[0].input_price: expected a number, got \"cheap\"",
        "models[0].endpoints[0].url: URL must start with http:// or https://, got localhost:8000",
        "routes[0].model: unknown model 'missing'; known: m",
        "state.store: unknown store 'disk'; known: memory, file, redis",
        file + ": 5 problems");
  }

  @Test
  void serve_listsEveryProblemOfItsFileBeforeStartingAnything(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "server: {port: eighty}\nmodels: [{name: m, endpoints: [{url: localhost:8000}]}]\n");
    CliRun run = CliRun.of("serve", "--config", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("signalbox: " + file + " has 2 problems:\n"
        + "  server.port: expected an integer, got \"eighty\"\n"
        + "  models[0].endpoints[0].url: URL must start with http:// or https://, got localhost:8000\n");
  }

  @Test
  void config_printsTheBuiltInConfigurationAndAReferenceThatStaysAValidConfiguration() {
    CliRun run = CliRun.of("config");
    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith(ConfigLoader.defaultYaml())
        .contains("\n# models[].endpoints[].api_key: printable ASCII\n");
    SignalboxConfig printed = ConfigLoader.parse(run.out(), name -> null);
    assertThat(printed.models()).isEqualTo(ConfigLoader.loadDefault().models());
  }

  /** The keys the first-use report found undocumented, and the rest of each policy's. */
  @Test
  void reference_documentsEveryKeyOfEverySectionAndPolicy() {
    CliRun run = CliRun.of("config", "--reference");
    assertThat(run.code()).isZero();
    List<String> paths = run.out().lines().map(KEY_LINE::matcher).filter(Matcher::matches)
        .map(m -> m.group(1) + (m.group(2) == null ? "" : m.group(2))).toList();
    assertThat(paths).contains(
        "server.event_loops", "server.max_total_body_bytes", "server.header_timeout_ms", "server.body_timeout_ms",
        "server.keepalive_timeout_ms", "server.allowed_hosts", "server.cors.allowed_origins",
        "server.cors.allow_credentials",
        "upstream.max_held_bytes", "upstream.max_total_held_bytes", "upstream.health_check.unhealthy_interval_ms",
        "upstream.circuit_breaker.failure_rate", "upstream.retry_budget.ratio", "upstream.backoff.base_ms",
        "simulator.seed",
        "models[].name", "models[].context_window", "models[].operations", "models[].pool",
        "models[].pool.strategy", "models[].pool.ttft_slo_ms [strategy: slo-affinity]",
        "models[].pool.metrics_interval_ms", "models[].metrics_interval_ms",
        "models[].endpoints[].url", "models[].endpoints[].upstream_model", "models[].endpoints[].api_key",
        "models[].endpoints[].simulated.answer", "models[].endpoints[].simulated.faults.error_rate",
        "models[].endpoints[].simulated.faults.error_status", "models[].endpoints[].simulated.faults.hang_rate",
        "models[].endpoints[].simulated.faults.reset_rate", "models[].endpoints[].simulated.faults.cut_rate",
        "models[].endpoints[].simulated.faults.spike_ms", "models[].endpoints[].simulated.ttft_ms [engine: fixed]",
        "models[].endpoints[].simulated.kv_blocks [engine: vllm]",
        "routes[].name", "routes[].policy", "routes[].fallbacks",
        "routes[].model [policy: fixed]",
        "routes[].default [policy: rules]", "routes[].rules[].when [policy: rules]",
        "routes[].rules[].when.task [policy: rules]", "routes[].rules[].when.keywords.match [policy: rules]",
        "routes[].artifact [policy: trained]", "routes[].target_cost [policy: trained]",
        "routes[].target_quality [policy: trained]", "routes[].lambda [policy: trained]",
        "routes[].fallback [policy: trained]", "routes[].models [policy: trained]",
        "routes[].alpha [policy: linucb]", "routes[].sigma [policy: thompson]",
        "routes[].epsilon_decay [policy: epsilon-greedy]", "routes[].implicit_quality [policy: thompson]",
        "routes[].discount [policy: linucb]", "routes[].evaporation [policy: pheromone]",
        "routes[].tau_max [policy: pheromone]", "routes[].cost_scale [policy: pheromone]",
        "state.store", "state.path [store: file]", "state.url [store: redis]", "state.key_prefix [store: redis]",
        "state.timeout_ms [store: redis]", "state.snapshot_interval_ms");
    assertThat(run.out()).contains("routes[].policy: fixed | rules | trained | linucb | thompson | epsilon-greedy"
        + " | pheromone (required)\n");
  }

  @Test
  void gatewayConfig_replacesSimulatedEndpointsWithTheirUrlsAndKeepsSecretsUnexpanded() throws Exception {
    String yaml = """
        models:
          - name: m
            endpoints:
              - simulated: {ttft_ms: 1}
              - url: http://10.0.0.1:8000
                api_key: ${VERY_SECRET}
        """;
    SignalboxConfig resolved = ConfigLoader.parse(yaml, name -> "expanded")
        .mapEndpoints((model, e) -> e.isSimulated() ? e.withUrl("http://127.0.0.1:9100") : e);
    String written = SimCommand.gatewayConfig(yaml, resolved);
    assertThat(written).contains("http://127.0.0.1:9100").contains("${VERY_SECRET}")
        .doesNotContain("simulated").doesNotContain("expanded");
    assertThat(ConfigLoader.parse(written, name -> "x").models().get(0).endpoints())
        .noneMatch(e -> e.isSimulated());
  }
}
