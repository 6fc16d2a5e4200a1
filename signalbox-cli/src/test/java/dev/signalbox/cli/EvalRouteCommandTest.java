package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --config FILE --route NAME} on the cooking-and-proofs trace: a rules route that sends
 * proofs to the large model (named {@code maxi} in the catalog) and the rest to the small one
 * ({@code mini}) is right on every prompt at (0.0001 + 0.002) / 2 a prompt.
 */
class EvalRouteCommandTest {
  @TempDir static Path dir;
  static Path trace;
  static Path config;

  @BeforeAll
  static void writeTraceAndConfig() throws Exception {
    trace = Traces.cookingAndProofs(dir);
    config = dir.resolve("my.yaml");
    Files.writeString(config, "models:\n"
        + "  - {name: mini, input_price: 0.1, output_price: 0.1, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:1'}]}\n"
        + "  - {name: maxi, input_price: 2, output_price: 2, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:2'}]}\n"
        + "routes:\n"
        + "  - {name: auto, policy: rules, default: mini, rules: [{name: proofs, priority: 1, when: {keywords: {any: [prove]}}, model: maxi}]}\n"
        + "  - {name: adaptive, policy: thompson, features: [task]}\n");
  }

  private String[] args(String... more) {
    String[] base = {"eval", "--data", trace.toString(), "--config", config.toString(), "--map", "mini=small",
        "--map", "maxi=large", "--cache", dir.resolve("cache").toString()};
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  @Test
  void routes_areRowsOfTheResultsReportAndPlots() throws Exception {
    Path out = dir.resolve("out");
    CliRun run = CliRun.of(args("--route", "auto", "--route", "adaptive", "--only-routes", "--folds", "2", "--out",
        out.toString()));
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
    JsonNode auto = results.get("policies").get(0);
    assertThat(auto.get("name").asText()).isEqualTo("route:auto");
    assertThat(auto.get("kind").asText()).isEqualTo("route");
    assertThat(auto.get("pooled").get("points")).hasSize(1);
    assertThat(auto.get("pooled").get("points").get(0).get(0).asDouble()).isCloseTo(0.00105, within(1e-12));
    assertThat(auto.get("pooled").get("points").get(0).get(1).asDouble()).isCloseTo(1, within(1e-12));
    assertThat(results.get("policies").get(1).get("name").asText()).isEqualTo("route:adaptive");
    assertThat(results.get("policies").findValuesAsText("name")).contains("oracle", "single:small").doesNotContain("knn");
    assertThat(results.get("protocol").asText()).contains("route:auto, policy rules; route:adaptive, policy thompson, learning",
        "models onto the trace's: mini=small, maxi=large.",
        "the trace's own per-call costs");
    assertThat(Files.readString(out.resolve("report.md"))).contains("| route:auto | route |",
        "--config '" + config + "' --route auto --route adaptive --map mini=small --map maxi=large --only-routes");
    assertThat(Files.readString(out.resolve("frontier-pooled.svg"))).contains("route:auto", "route:adaptive");
  }

  @Test
  void online_replaysTheRoute_beside_theReferences() throws Exception {
    Path out = dir.resolve("online");
    CliRun run = CliRun.of(args("--online", "--seeds", "1", "--route", "auto", "--only-routes", "--out", out.toString()));
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode policies = Json.MAPPER.readTree(out.resolve("results.json").toFile()).get("policies");
    assertThat(policies.findValuesAsText("name")).containsExactly("random", "best-fixed", "route:auto");
    // the route picks the best model of every prompt: no regret
    assertThat(policies.get(2).get("regret").asDouble()).isCloseTo(0, within(1e-9));
  }

  @Test
  void badInput_getsAMessageNamingIt() {
    CliRun noConfig = CliRun.of("eval", "--data", trace.toString(), "--route", "auto");
    assertThat(noConfig.code()).isEqualTo(1);
    assertThat(noConfig.err()).contains("--route auto needs --config FILE");
    CliRun unknown = CliRun.of(args("--route", "nope"));
    assertThat(unknown.err()).contains("--route nope: no route 'nope' in " + config + "; its routes: auto, adaptive");
    CliRun missing = CliRun.of("eval", "--data", trace.toString(), "--config", dir.resolve("gone.yaml").toString(),
        "--route", "auto");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("configuration file not found", "gone.yaml");
    CliRun unmapped = CliRun.of("eval", "--data", trace.toString(), "--config", config.toString(), "--route", "auto",
        "--cache", dir.resolve("cache").toString());
    assertThat(unmapped.code()).isEqualTo(1);
    assertThat(unmapped.err()).contains("none of the configuration's models (mini, maxi) is in the trace (small, large)");
    assertThat(CliRun.of(args("--route", "auto", "--only-routes", "--policy", "knn")).err())
        .contains("--only-routes runs no --policy");
    assertThat(CliRun.of("eval", "--data", trace.toString(), "--only-routes").err()).contains("--only-routes goes with --route");
  }
}
