package dev.signalbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.routing.RoutingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checking a configuration in full: every problem at once, in the order of the file. Without the
 * simulator on the class path its mappings are kept unchecked; signalbox-sim's {@code
 * SimulatedSettingsCheckTest} checks them among the others.
 */
class ConfigCheckTest {
  private static final Function<String, String> NO_ENV = name -> null;

  /** One mistake per commented line, across every section; the user needed a round per mistake before. */
  static final String MANY_MISTAKES = """
      server:
        port: eighty                      # not an integer
        max_body_bytes: 10                # below 1024
        cors:
          allowed_origin: ["*"]           # misspelt
      upstream:
        max_attempts: 0                   # out of range
        backoff: {base: 10}               # misspelt
      models:
        - name: small
          input_price: -1                 # negative
          endpoints:
            - url: localhost:8000         # no scheme
              api_key: ${SURELY_NOT_SET_42}   # not set
        - name: big
          endpoints:
            - simulated: {ttft: 30, faults: {error_rate: 2}}   # the simulator's to check (signalbox-sim)
      routes:
        - name: auto
          policy: rules
          default: medium                 # no such model
          fallbacks: [huge]               # no such model
          rules:
            - name: code
              when: {task: [cooking]}     # no such task
              model: big
        - name: cheap
          policy: fixd                    # no such policy
      state:
        store: disk                       # no such store
      """;

  private static List<String> paths(List<ConfigException> problems) {
    return problems.stream().map(ConfigException::path).toList();
  }

  @Test
  void check_reportsEveryProblemInFileOrder() {
    ConfigLoader.Checked checked = ConfigLoader.check(MANY_MISTAKES, NO_ENV, RoutingTable::from);
    assertThat(paths(checked.problems())).containsExactly(
        "server.port",
        "server.max_body_bytes",
        "server.cors.allowed_origin",
        "upstream.max_attempts",
        "upstream.backoff.base",
        "models[0].input_price",
        "models[0].endpoints[0].url",
        "models[0].endpoints[0].api_key",
        "routes[0].default",
        "routes[0].fallbacks[0]",
        "routes[0].rules[0].when.task[0]",
        "routes[1].policy",
        "state.store");
    assertThat(checked.problems().get(0)).hasMessage("server.port: expected an integer, got \"eighty\"");
    assertThat(checked.problems().get(2).getMessage()).contains("did you mean 'allowed_origins'");
    assertThat(checked.problems().get(7).getMessage()).contains("SURELY_NOT_SET_42 is not set");
    assertThat(checked.problems().get(8).getMessage()).contains("unknown model 'medium'");
  }

  @Test
  void check_aKeyWithTwoProblemsIsReportedOnce() {
    // the unset variable leaves "${...}" in place, which is no URL either: one problem, the first
    String yaml = "models: [{name: m, endpoints: [{url: '${SURELY_NOT_SET_42}'}]}]";
    List<ConfigException> problems = ConfigLoader.check(yaml, NO_ENV, c -> {}).problems();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).getMessage()).contains("is not set");
  }

  @Test
  void check_aRouteNamingABrokenModelIsNotBlamedForIt() {
    String yaml = """
        models:
          - name: m
            pool: nonsense
            endpoints: [{url: "http://127.0.0.1:9"}]
        routes:
          - {name: r, policy: fixed, model: m}
        """;
    assertThat(paths(ConfigLoader.check(yaml, NO_ENV, RoutingTable::from).problems()))
        .containsExactly("models[0].pool");
  }

  @Test
  void check_ofAValidFileFindsNothingAndGivesWhatParseGives() {
    ConfigLoader.Checked checked = ConfigLoader.check(ConfigLoader.defaultYaml(), NO_ENV, RoutingTable::from);
    assertThat(checked.problems()).isEmpty();
    assertThat(checked.config().models()).isEqualTo(ConfigLoader.parse(ConfigLoader.defaultYaml(), NO_ENV).models());
    assertThat(checked.config().server()).isEqualTo(ConfigLoader.parse(ConfigLoader.defaultYaml(), NO_ENV).server());
  }

  @Test
  void check_ofBrokenYamlReportsTheSyntaxError() {
    List<ConfigException> problems = ConfigLoader.check("models: [\n  - name", NO_ENV, c -> {}).problems();
    assertThat(problems).singleElement()
        .satisfies(p -> assertThat(p.getMessage()).startsWith("not valid YAML at line"));
  }

  @Test
  void load_failsWithOneExceptionListingEveryProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, MANY_MISTAKES);
    assertThatThrownBy(() -> ConfigLoader.load(file, RoutingTable::from))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + " has 13 problems:\n  server.port: expected an integer")
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(13));
  }

  @Test
  void parse_stillStopsAtTheFirstProblem() {
    assertThatThrownBy(() -> ConfigLoader.parse(MANY_MISTAKES, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(1));
  }
}
