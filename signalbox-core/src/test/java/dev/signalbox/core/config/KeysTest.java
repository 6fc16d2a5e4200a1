package dev.signalbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.signalbox.core.ConfigurationKeys;
import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.core.state.SharedStates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The key descriptions are what the parsers check against and what the reference prints: a
 * parser cannot read a key they do not declare, and each documented default is the parser's.
 */
class KeysTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String BASE = "models: [{name: m, endpoints: [{simulated: {}}]}]";

  private static ConfigNode node(String yaml) throws Exception {
    return new ConfigNode(YAML.readTree(yaml), "x");
  }

  @Test
  void allowOnly_reportsAnUnknownKeyWithTheClosestDeclaredOne() throws Exception {
    Keys keys = Keys.of("test").key("timeout_ms", "milliseconds", 5, "doc").key("name", "string", null, "doc");
    assertThatThrownBy(() -> node("{timeout: 1}").allowOnly(keys))
        .isInstanceOf(ConfigException.class)
        .hasMessage("x.timeout: unknown key (did you mean 'timeout_ms'?); allowed here: timeout_ms, name");
  }

  @Test
  void aParserCannotReadAKeyItsDescriptionDoesNotDeclare() throws Exception {
    ConfigNode n = node("{a: 1}").allowOnly(Keys.of("test").key("a", "integer", 0, "doc"));
    assertThat(n.integer("a", 0)).isEqualTo(1);
    assertThatThrownBy(() -> n.integer("b", 0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reads 'b', which the description of this mapping does not declare");
    assertThatThrownBy(() -> n.has("b")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNestedMappingMustBeDescribedUnderItsParentsKey() throws Exception {
    Keys inner = Keys.of("inner").key("b", "integer", 0, "doc");
    ConfigNode scalar = node("{a: {b: 1}}").allowOnly(Keys.of("outer").key("a", "mapping", null, "doc"));
    assertThatThrownBy(() -> scalar.get("a").allowOnly(inner)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("x.a: the parser checks keys that the description of its parent does not list");
    ConfigNode linked = node("{a: {b: 1}}").allowOnly(Keys.of("outer").mapping("a", "mapping", null, "doc", inner));
    assertThat(linked.get("a").allowOnly(inner).integer("b", 0)).isEqualTo(1);
  }

  @Test
  void variants_addTheKeysOfTheSelectedValue() {
    Keys keys = Keys.of("k").key("engine", "name", "a", "doc")
        .variant("engine", "a", Keys.of("a").key("x", "integer", 1, "doc"))
        .variant("engine", "b", Keys.of("b").key("y", "integer", 2, "doc"));
    assertThat(keys.when("a").names()).containsExactly("engine", "x");
    assertThat(keys.when("b").names()).containsExactly("engine", "y");
    assertThat(keys.when("c").names()).containsExactly("engine");
  }

  /**
   * Writing any key with its documented default changes nothing: for every key of every section
   * the core parses (routes aside: their policies are objects without equality) whose default is a
   * value, the configuration with that key set explicitly equals the one without it. The
   * simulator's keys are checked in signalbox-sim ({@code SimulatedSettingsTest}).
   */
  @Test
  void everyDocumentedDefaultIsTheParsersDefault() throws Exception {
    Keys root = ConfigurationKeys.all();
    ObjectNode base = (ObjectNode) YAML.readTree(BASE);
    List<String> checked = new ArrayList<>();
    for (String section : List.of("server", "upstream", "simulator", "models", "state")) {
      Keys.Key key = root.get(section);
      walk(key.nested(), base, key.list() ? List.of(section, 0) : List.of(section), checked);
    }
    assertThat(checked).contains("server.port", "server.cors.max_age_s", "upstream.backoff.max_ms",
        "models.0.pool.cache_blocks", "state.store");
    assertThat(checked).hasSizeGreaterThan(50);
  }

  private static void walk(Keys keys, ObjectNode base, List<Object> at, List<String> checked) throws Exception {
    ObjectNode here = base.deepCopy();
    mapping(here, at);
    for (Keys.Key key : keys.all()) {
      List<Object> path = new ArrayList<>(at);
      path.add(key.name());
      if (key.hasLiteralDefault()) {
        ObjectNode explicit = here.deepCopy();
        mapping(explicit, at).set(key.name(), YAML.readTree(key.defaultValue()));
        assertThat(parse(explicit)).as("%s written as its default %s", path, key.defaultValue()).isEqualTo(parse(here));
        checked.add(String.join(".", path.stream().map(String::valueOf).toList()));
      }
      if (key.nested() != null && key.nested() != Keys.SAME) {
        if (key.list()) {
          path.add(0); // the base has one element in each list it describes
        }
        walk(key.nested(), here, path, checked);
      }
    }
    for (Map.Entry<String, Keys> variant : keys.variantsByValue().entrySet()) {
      ObjectNode selected = here.deepCopy();
      mapping(selected, at).put(keys.selector(), variant.getKey());
      walk(variant.getValue(), selected, at, checked);
    }
  }

  /** The mapping at a path of keys and list indices, created (empty) where it is missing. */
  private static ObjectNode mapping(ObjectNode root, List<Object> at) {
    JsonNode node = root;
    for (Object step : at) {
      if (step instanceof Integer i) {
        node = node.get(i);
      } else {
        ObjectNode parent = (ObjectNode) node;
        JsonNode child = parent.get((String) step);
        node = child != null && child.isContainerNode() ? child : parent.putObject((String) step);
      }
    }
    return (ObjectNode) node;
  }

  /**
   * The configuration a tree gives, with the parts that components read themselves (pools, the
   * state store) as the settings they read rather than as written.
   */
  private static List<Object> parse(JsonNode tree) {
    SignalboxConfig c = SignalboxConfig.parse(new ConfigNode(tree.deepCopy(), ""));
    ConfigNode none = new ConfigNode(null, "");
    List<Object> pools = new ArrayList<>();
    List<ModelConfig> models = new ArrayList<>();
    for (ModelConfig m : c.models()) {
      pools.add(PoolStrategies.settings(m.pool()));
      models.add(new ModelConfig(m.spec(), new PoolConfig(m.poolStrategy(), none), m.metricsIntervalMs(), m.endpoints()));
    }
    StateConfig state = c.state();
    SignalboxConfig asRead = new SignalboxConfig(c.server(), c.upstream(), c.simulator(), models, c.routes(),
        new StateConfig(state.store(), none, state.snapshotIntervalMs()));
    return Arrays.asList(asRead, pools, SharedStates.settings(state));
  }
}
