package dev.signalbox.core.config;

import dev.signalbox.core.ConfigurationKeys;
import static dev.signalbox.core.config.ConfigLoaderTest.assertProblem;
import static dev.signalbox.core.config.ConfigLoaderTest.withModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Core keeps the simulator's mappings as written; with no {@link SettingsProvider} on the class
 * path (as here: the simulator is not) any keys pass, and only their shape is checked.
 */
class SettingsNodeTest {

  private static SignalboxConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, name -> null);
  }

  @Test
  void simulated_withoutTheSimulator_isKeptAsWritten_withItsPath() {
    SignalboxConfig config = parse(withModel("", "{simulated: {engine: tgi, faults: {error_rate: 5}}}", ""));
    SettingsNode simulated = config.models().get(0).endpoints().get(0).simulated();
    assertThat(simulated.path()).isEqualTo("models[0].endpoints[0].simulated");
    assertThat(simulated.tree().get("engine").asText()).isEqualTo("tgi");
    assertThat(simulated.node().get("faults").number("error_rate", 0)).isEqualTo(5);
  }

  @Test
  void simulatedOrSimulator_thatIsNotAMapping_isAProblem() {
    assertProblem(withModel("", "{simulated: fast}", ""), "models[0].endpoints[0].simulated")
        .hasMessageContaining("expected a mapping");
    assertProblem(withModel("", "{url: 'http://h'}", "simulator: [1]\n"), "simulator")
        .hasMessageContaining("expected a mapping");
  }

  @Test
  void simulator_notGiven_isAMissingNodeAtItsKey() {
    SettingsNode simulator = parse(withModel("", "{url: 'http://h'}", "")).simulator();
    assertThat(simulator.path()).isEqualTo("simulator");
    assertThat(simulator.node().isMissing()).isTrue();
  }

  @Test
  void settingsNodes_areValuesThatTheirTreeCannotChange() {
    SignalboxConfig a = parse(withModel("", "{simulated: {ttft_ms: 5}}", ""));
    SignalboxConfig b = parse(withModel("", "{simulated: {ttft_ms: 5}}", ""));
    assertThat(a.models()).isEqualTo(b.models());
    SettingsNode node = a.models().get(0).endpoints().get(0).simulated();
    ((ObjectNode) node.node().raw()).put("ttft_ms", 9);
    assertThat(node).isEqualTo(b.models().get(0).endpoints().get(0).simulated());
    assertThat(parse(withModel("", "{simulated: {ttft_ms: 6}}", "")).models()).isNotEqualTo(b.models());
  }

  @Test
  void reference_withoutTheSimulator_saysWhoseKeysTheyAre() {
    String reference = ConfigReference.render(ConfigurationKeys.all());
    assertThat(reference)
        .contains("models[].endpoints[].simulated: mapping\n    a replica the launcher runs in-process; its keys are "
            + "the simulator's (signalbox-sim, not on the class path)")
        .contains("simulator: mapping\n")
        .doesNotContain("simulated.ttft_ms", "simulator.seed");
  }
}
