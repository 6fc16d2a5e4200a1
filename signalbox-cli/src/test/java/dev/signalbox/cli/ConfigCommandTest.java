package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.SignalboxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

  @Test
  void check_acceptsTheBuiltInConfiguration(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("default.yaml");
    Files.writeString(file, ConfigLoader.defaultYaml());
    assertThat(Main.run("config", "--check", file.toString())).isZero();
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
    assertThat(Main.run("config", "--check", file.toString())).isEqualTo(2);
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
