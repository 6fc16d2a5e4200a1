package dev.signalbox.sim;

import dev.signalbox.core.ConfigurationKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.ConfigReference;
import dev.signalbox.core.config.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * The simulator's settings as the configuration gives them: each endpoint's {@code simulated:}
 * ({@link ReplicaProfile}) and the top-level {@code simulator:} ({@link SimulatorConfig}), read by
 * the providers that core finds on the class path.
 */
class SimulatedSettingsTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static String withEndpoint(String endpoint) {
    return "models:\n  - name: m1\n    endpoints:\n      - " + endpoint + "\n";
  }

  private static ReplicaProfile profile(String endpoint) {
    return ReplicaProfile.of(ConfigLoader.parse(withEndpoint(endpoint), name -> null).models().get(0).endpoints().get(0));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String endpoint, String path) {
    return assertThatThrownBy(() -> ConfigLoader.parse(withEndpoint(endpoint), name -> null))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo(path))
        .hasMessageStartingWith(path + ": ");
  }

  @Test
  void simulated_vllmEngine_readsItsParameters_withDocumentedDefaults() {
    ReplicaProfile p = profile("{simulated: {engine: vllm, kv_blocks: 1000, prefill_tokens_per_s: 5000}}");
    assertThat(p.vllm()).isEqualTo(new ReplicaProfile.Vllm(5000, 7, 0.04, 2048, 1000));
    assertThat(p.maxConcurrency()).isEqualTo(256);
    assertThat(profile("{simulated: {ttft_ms: 5}}").vllm()).isNull();
  }

  @Test
  void simulated_keysOfTheOtherEngine_areProblems() {
    assertProblem("{simulated: {engine: vllm, ttft_ms: 5}}", "models[0].endpoints[0].simulated.ttft_ms");
    assertProblem("{simulated: {kv_blocks: 5}}", "models[0].endpoints[0].simulated.kv_blocks");
    assertProblem("{simulated: {engine: tgi}}", "models[0].endpoints[0].simulated.engine");
  }

  @Test
  void simulated_answerMode_isGenerateByDefault_echoOnRequest_andNamesTheChoicesOtherwise() {
    assertThat(profile("{simulated: {ttft_ms: 5}}").answer()).isEqualTo(ReplicaProfile.AnswerMode.GENERATE);
    assertThat(profile("{simulated: {engine: vllm, answer: echo}}").answer()).isEqualTo(ReplicaProfile.AnswerMode.ECHO);
    assertProblem("{simulated: {answer: parrot}}", "models[0].endpoints[0].simulated.answer")
        .hasMessageContaining("must be one of generate, echo");
  }

  @Test
  void simulated_outOfRangeFault_isAProblem() {
    assertProblem("{simulated: {faults: {error_rate: 1.5}}}", "models[0].endpoints[0].simulated.faults.error_rate")
        .hasMessageContaining("between 0 and 1");
  }

  @Test
  void simulator_givesTheSeed_42WhenNotGiven() {
    String yaml = withEndpoint("{simulated: {}}");
    assertThat(SimulatorConfig.of(ConfigLoader.parse(yaml, name -> null)).seed()).isEqualTo(42);
    assertThat(SimulatorConfig.of(ConfigLoader.parse("simulator: {seed: 7}\n" + yaml, name -> null)).seed())
        .isEqualTo(7);
  }

  @Test
  void reference_documentsEverySimulatedAndSimulatorKey() {
    String reference = ConfigReference.render(ConfigurationKeys.all());
    assertThat(reference).contains(
        "simulator.seed: integer = 42\n",
        "models[].endpoints[].simulated.engine: fixed | vllm = fixed\n",
        "models[].endpoints[].simulated.faults.error_status: HTTP status 400..599 = 500\n",
        "models[].endpoints[].simulated.kv_blocks: integer >= 1 = 24576 [engine: vllm]\n",
        "models[].endpoints[].simulated.ttft_ms: number >= 0 = 20 [engine: fixed]\n");
  }

  /**
   * Writing any key of {@code simulated:} or {@code simulator:} with its documented default
   * changes nothing: for every engine, the profile (or settings) read with that key set equals the
   * one read without it.
   */
  @Test
  void everyDocumentedDefaultIsTheParsersDefault() throws Exception {
    List<String> checked = new ArrayList<>();
    walk(ReplicaProfile.KEYS, YAML.createObjectNode(), List.of(), checked, tree -> ReplicaProfile.parse(node(tree)));
    walk(SimulatorConfig.KEYS, YAML.createObjectNode(), List.of(), checked, tree -> SimulatorConfig.parse(node(tree)));
    assertThat(checked).contains("engine", "ttft_ms", "kv_blocks", "faults.error_status", "seed");
    assertThat(checked).hasSizeGreaterThan(20);
  }

  private interface Reader {
    Object read(JsonNode tree);
  }

  private static void walk(Keys keys, ObjectNode base, List<String> at, List<String> checked, Reader reader)
      throws Exception {
    for (Keys.Key key : keys.all()) {
      if (key.hasLiteralDefault()) {
        ObjectNode explicit = base.deepCopy();
        mapping(explicit, at).set(key.name(), YAML.readTree(key.defaultValue()));
        String path = String.join(".", append(at, key.name()));
        assertThat(reader.read(explicit)).as("%s written as its default %s", path, key.defaultValue())
            .isEqualTo(reader.read(base));
        checked.add(path);
      }
      if (key.nested() != null && !key.list()) {
        walk(key.nested(), base, append(at, key.name()), checked, reader);
      }
    }
    for (Map.Entry<String, Keys> variant : keys.variantsByValue().entrySet()) {
      ObjectNode selected = base.deepCopy();
      mapping(selected, at).put(keys.selector(), variant.getKey());
      walk(variant.getValue(), selected, at, checked, reader);
    }
  }

  private static List<String> append(List<String> at, String name) {
    List<String> path = new ArrayList<>(at);
    path.add(name);
    return path;
  }

  private static ObjectNode mapping(ObjectNode root, List<String> at) {
    ObjectNode node = root;
    for (String step : at) {
      node = node.has(step) ? (ObjectNode) node.get(step) : node.putObject(step);
    }
    return node;
  }

  private static ConfigNode node(JsonNode tree) {
    return new ConfigNode(tree.deepCopy(), "simulated");
  }
}
