package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.routing.RoutingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's settings are checked in full with the rest: every problem at once, in file order. */
class SimulatedSettingsCheckTest {

  /** One mistake per commented line; the simulator's among core's. */
  static final String MISTAKES = """
      simulator: {seed: x}                # not an integer
      server:
        port: eighty                      # not an integer
      models:
        - name: small
          input_price: -1                 # negative
          endpoints:
            - simulated: {ttft: 30, faults: {error_rate: 2}}   # misspelt; not a share
            - simulated: {engine: vllm, kv_blocks: 0}          # below 1
        - name: big
          endpoints:
            - url: localhost:8000         # no scheme
      routes:
        - {name: auto, policy: fixed, model: huge}   # no such model
      """;

  private static List<String> paths(List<ConfigException> problems) {
    return problems.stream().map(ConfigException::path).toList();
  }

  @Test
  void check_reportsTheSimulatorsProblemsAmongTheOthers_inFileOrder() {
    ConfigLoader.Checked checked = ConfigLoader.check(MISTAKES, name -> null, RoutingTable::from);
    assertThat(paths(checked.problems())).containsExactly(
        "simulator.seed",
        "server.port",
        "models[0].input_price",
        "models[0].endpoints[0].simulated.ttft",
        "models[0].endpoints[0].simulated.faults.error_rate",
        "models[0].endpoints[1].simulated.kv_blocks",
        "models[1].endpoints[0].url",
        "routes[0].model");
    assertThat(checked.problems().get(3).getMessage()).contains("did you mean 'ttft_ms'");
  }

  @Test
  void load_failsWithOneExceptionListingEveryProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, MISTAKES);
    assertThatThrownBy(() -> ConfigLoader.load(file, RoutingTable::from))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + " has 8 problems:\n  simulator.seed: expected an integer");
  }

  @Test
  void parse_stopsAtTheFirstProblem_insideSimulatedToo() {
    assertThatThrownBy(() -> ConfigLoader.parse(
        "models: [{name: m, endpoints: [{simulated: {ttft: 30, faults: {error_rate: 2}}}]}]", name -> null))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(1))
        .hasMessageStartingWith("models[0].endpoints[0].simulated.ttft: unknown key");
  }
}
