package dev.signalbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.request.Operation;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final Function<String, String> NO_ENV = name -> null;

  /** A valid configuration with one model; {@code extra} is appended at the top level. */
  static String withModel(String modelExtra, String endpoint, String extra) {
    return "models:\n"
        + "  - name: m1\n"
        + modelExtra
        + "    endpoints:\n"
        + "      - " + endpoint + "\n"
        + extra;
  }

  static String minimal(String extra) {
    return withModel("", "{url: 'http://localhost:8000'}", extra);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertProblem(
      String yaml, Function<String, String> env, String path) {
    return assertThatThrownBy(() -> ConfigLoader.parse(yaml, env))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo(path))
        .hasMessageStartingWith(path.isEmpty() ? "" : path + ": ");
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String yaml, String path) {
    return assertProblem(yaml, NO_ENV, path);
  }

  @Test
  void parse_minimalConfig_appliesDefaults() {
    SignalboxConfig config = ConfigLoader.parse(minimal(""), NO_ENV);
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.server().defaultRoute()).isEqualTo("auto");
    assertThat(config.upstream().maxAttempts()).isEqualTo(3);
    assertThat(config.routes()).isEmpty();
    ModelConfig model = config.models().get(0);
    assertThat(model.spec().contextWindow()).isEqualTo(8192);
    assertThat(model.spec().operations()).containsExactlyInAnyOrder(Operation.CHAT, Operation.COMPLETIONS);
    assertThat(model.poolStrategy()).isEqualTo("least-outstanding");
    assertThat(model.endpoints().get(0).url()).isEqualTo("http://localhost:8000");
  }

  @Test
  void loadDefault_builtInConfig_isValid() {
    SignalboxConfig config = ConfigLoader.loadDefault();
    assertThat(config.catalog().names()).containsExactly("sim-small", "sim-medium", "sim-large", "sim-embed");
    assertThat(config.routes()).extracting(RouteConfig::name).containsExactly("auto", "cheap", "best");
  }

  @Test
  void parse_envVariable_isSubstituted() {
    String yaml = withModel("", "{url: '${HOST}', api_key: '${KEY}'}", "");
    Map<String, String> env = Map.of("HOST", "http://10.0.0.5:8000", "KEY", "sk-123");
    EndpointConfig endpoint = ConfigLoader.parse(yaml, env::get).models().get(0).endpoints().get(0);
    assertThat(endpoint.url()).isEqualTo("http://10.0.0.5:8000");
    assertThat(endpoint.apiKey().reveal()).isEqualTo("sk-123");
  }

  @Test
  void parse_envVariableWithDefault_usesDefaultOnlyWhenUnset() {
    String yaml = withModel("", "{url: 'http://${HOST:-localhost}:${PORT:-9000}/v1'}", "");
    assertThat(ConfigLoader.parse(yaml, NO_ENV).models().get(0).endpoints().get(0).url())
        .isEqualTo("http://localhost:9000");
    assertThat(ConfigLoader.parse(yaml, Map.of("PORT", "7000")::get).models().get(0).endpoints().get(0).url())
        .isEqualTo("http://localhost:7000");
  }

  @Test
  void parse_envVariableWithEmptyDefault_isEmptyString() {
    assertThat(ConfigLoader.expand("a${X:-}b", "k", NO_ENV)).isEqualTo("ab");
  }

  @Test
  void parse_missingEnvVariable_namesTheKey() {
    String yaml = withModel("", "{url: 'http://localhost:8000', api_key: '${OPENAI_KEY}'}", "");
    assertProblem(yaml, "models[0].endpoints[0].api_key")
        .hasMessageContaining("environment variable OPENAI_KEY is not set");
  }

  @Test
  void parse_apiKeyThatCannotBeAHeader_isRefusedWithoutShowingIt() {
    String yaml = withModel("", "{url: 'http://localhost:8000', api_key: \"sk-abc\\r\\nx-evil: 1\"}", "");
    assertProblem(yaml, "models[0].endpoints[0].api_key").hasMessageContaining("printable ASCII")
        .hasMessageNotContaining("sk-abc");
  }

  @Test
  void parse_missingEnvVariableInList_namesTheElement() {
    String yaml = withModel("    operations: [chat, '${OP}']\n", "{url: 'http://localhost:8000'}", "");
    assertProblem(yaml, "models[0].operations[1]").hasMessageContaining("OP is not set");
  }

  @Test
  void parse_envVariableForNumber_isReadAsNumber() {
    String yaml = minimal("server:\n  port: ${PORT:-9090}\n");
    assertThat(ConfigLoader.parse(yaml, NO_ENV).server().port()).isEqualTo(9090);
    assertThat(ConfigLoader.parse(yaml, Map.of("PORT", "7070")::get).server().port()).isEqualTo(7070);
  }

  @Test
  void parse_unknownTopLevelKey_namesItWithHint() {
    assertProblem(minimal("modles: []\n"), "modles")
        .hasMessageContaining("did you mean 'models'")
        .hasMessageContaining("allowed here: server, upstream, simulator, models, routes");
  }

  @Test
  void parse_unknownNestedKey_namesItsPath() {
    assertProblem(minimal("upstream:\n  backoff:\n    base: 5\n"), "upstream.backoff.base")
        .hasMessageContaining("did you mean 'base_ms'");
  }

  @Test
  void parse_wrongTypes_nameTheKey() {
    assertProblem(minimal("server:\n  port: abc\n"), "server.port").hasMessageContaining("expected an integer, got \"abc\"");
    assertProblem(withModel("    context_window: 1.5\n", "{url: 'http://h'}", ""), "models[0].context_window")
        .hasMessageContaining("expected an integer");
    assertProblem(withModel("    input_price: cheap\n", "{url: 'http://h'}", ""), "models[0].input_price")
        .hasMessageContaining("expected a number");
    assertProblem(minimal("upstream:\n  health_check:\n    enabled: sometimes\n"), "upstream.health_check.enabled")
        .hasMessageContaining("expected true or false");
    assertProblem(minimal("server: 8080\n"), "server").hasMessageContaining("expected a mapping");
  }

  @Test
  void parse_negativePrices_areProblems() {
    assertProblem(withModel("    input_price: -1\n", "{url: 'http://h'}", ""), "models[0].input_price")
        .hasMessageContaining("must not be negative");
    assertProblem(withModel("    output_price: -0.5\n", "{url: 'http://h'}", ""), "models[0].output_price")
        .hasMessageContaining("must not be negative");
  }

  @Test
  void parse_endpointWithBothUrlAndSimulated_isAProblem() {
    assertProblem(withModel("", "{url: 'http://h', simulated: {}}", ""), "models[0].endpoints[0]")
        .hasMessageContaining("exactly one of 'url'");
  }

  @Test
  void parse_endpointWithNeitherUrlNorSimulated_isAProblem() {
    assertProblem(withModel("", "{upstream_model: x}", ""), "models[0].endpoints[0]")
        .hasMessageContaining("exactly one of 'url'");
  }

  @Test
  void parse_badUrls_nameTheUrlKey() {
    assertProblem(withModel("", "{url: 'ftp://h/x'}", ""), "models[0].endpoints[0].url")
        .hasMessageContaining("http:// or https://");
    assertProblem(withModel("", "{url: 'http:///v1'}", ""), "models[0].endpoints[0].url")
        .hasMessageContaining("URL has no host");
    assertProblem(withModel("", "{url: 'http://exa mple.com'}", ""), "models[0].endpoints[0].url")
        .hasMessageContaining("not a valid URL");
  }

  @Test
  void parse_urlWithSlashOrV1Suffix_isNormalised() {
    EndpointConfig e = ConfigLoader.parse(withModel("", "{url: 'https://h:8443/v1/'}", ""), NO_ENV)
        .models().get(0).endpoints().get(0);
    assertThat(e.url()).isEqualTo("https://h:8443");
  }

  @Test
  void parse_duplicateModelName_namesTheSecond() {
    String yaml = minimal("") .replace("models:\n", "models:\n  - {name: m1, endpoints: [{url: 'http://a'}]}\n");
    assertProblem(yaml, "models[1].name").hasMessageContaining("duplicate model 'm1' (first at models[0])");
  }

  @Test
  void parse_duplicateRouteName_namesTheSecond() {
    String routes = "routes:\n  - {name: r, policy: fixed, model: m1}\n  - {name: r, policy: fixed, model: m1}\n";
    assertProblem(minimal(routes), "routes[1].name").hasMessageContaining("already used by routes[0]");
  }

  @Test
  void parse_routeNamedLikeAModel_isAProblem() {
    assertProblem(minimal("routes:\n  - {name: m1, policy: fixed, model: m1}\n"), "routes[0].name")
        .hasMessageContaining("share one namespace");
  }

  @Test
  void parse_routeWithoutPolicy_namesIt() {
    assertProblem(minimal("routes:\n  - {name: r}\n"), "routes[0].policy").hasMessageContaining("required");
  }

  @Test
  void parse_unknownPoolStrategy_namesItWithKnownOnes() {
    assertProblem(withModel("    pool: random\n", "{url: 'http://h'}", ""), "models[0].pool")
        .hasMessageContaining("unknown pool strategy 'random'")
        .hasMessageContaining("round-robin, least-outstanding, p2c");
  }

  @Test
  void parse_unknownOperation_namesTheElement() {
    assertProblem(withModel("    operations: [chat, images]\n", "{url: 'http://h'}", ""), "models[0].operations[1]")
        .hasMessageContaining("unknown operation 'images'");
  }

  @Test
  void parse_noModels_isAProblem() {
    assertProblem("server: {port: 1}\n", "models").hasMessageContaining("at least one model");
  }

  @Test
  void parse_modelWithoutEndpoints_isAProblem() {
    assertProblem("models:\n  - {name: m1}\n", "models[0].endpoints").hasMessageContaining("at least one endpoint");
  }

  @Test
  void parse_badModelName_isAProblem() {
    assertProblem("models:\n  - {name: 'my model', endpoints: [{url: 'http://h'}]}\n", "models[0].name")
        .hasMessageContaining("letters, digits");
  }

  @Test
  void parse_outOfRangeValues_areProblems() {
    assertProblem(minimal("server:\n  port: 70000\n"), "server.port").hasMessageContaining("0..65535");
    assertProblem(minimal("upstream:\n  max_attempts: 0\n"), "upstream.max_attempts").hasMessageContaining("1..10");
    assertProblem(minimal("upstream:\n  connect_timeout_ms: 0\n"), "upstream.connect_timeout_ms")
        .hasMessageContaining("must be positive");
  }

  @Test
  void parse_breakerOpenTimeAboveMax_isAProblem() {
    assertProblem(minimal("upstream:\n  circuit_breaker: {open_ms: 10000, max_open_ms: 5000}\n"),
        "upstream.circuit_breaker.max_open_ms").hasMessageContaining("open_ms");
    assertProblem(minimal("upstream:\n  circuit_breaker: {failure_rate: 1.5}\n"), "upstream.circuit_breaker.failure_rate");
    assertProblem(minimal("upstream:\n  retry_budget: {ratio: -1}\n"), "upstream.retry_budget.ratio");
  }

  @Test
  void parse_invalidYaml_givesTheLine() {
    String yaml = "models:\n  - name: m1\n    endpoints: [{url: 'http://h'}\n  - name: m2\n";
    assertProblem(yaml, "").hasMessageStartingWith("not valid YAML at line ");
  }

  @Test
  void parse_invalidYamlIndentation_givesTheLine() {
    String yaml = "server:\n  port: 1\n bad: 2\n";
    assertProblem(yaml, "").hasMessageStartingWith("not valid YAML at line 3");
  }

  @Test
  void parse_duplicateYamlKey_isAProblem() {
    assertProblem(minimal("server: {port: 1}\nserver: {port: 2}\n"), "").hasMessageContaining("not valid YAML")
        .hasMessageContaining("server");
  }

  @Test
  void parse_emptyFile_isAProblem() {
    assertProblem("", "").hasMessage("the configuration is empty");
    assertProblem("# only a comment\n\n", "").hasMessage("the configuration is empty");
  }

  @Test
  void parse_topLevelList_isAProblem() {
    assertProblem("- a\n- b\n", "").hasMessageContaining("mapping of keys at the top level");
  }

  @Test
  void load_missingFile_isAProblem(@org.junit.jupiter.api.io.TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configuration file not found");
  }

  @Test
  void secret_toString_neverShowsTheValue() {
    Secret secret = new Secret("sk-very-secret");
    assertThat(secret.toString()).isEqualTo("****").doesNotContain("sk-very-secret");
    assertThat(secret.reveal()).isEqualTo("sk-very-secret");
  }

  @Test
  void secret_insideConfigRecords_isMaskedInToString() {
    String yaml = withModel("", "{url: 'http://h', api_key: sk-very-secret}", "");
    SignalboxConfig config = ConfigLoader.parse(yaml, NO_ENV);
    assertThat(config.models().get(0).endpoints().get(0).toString()).contains("****").doesNotContain("sk-very-secret");
    assertThat(config.toString()).doesNotContain("sk-very-secret");
  }
}
