package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} and {@code train} end to end on a small generic trace: cooking questions are easy
 * (the small model is right), proofs are hard (only the large one is).
 */
class EvalAndTrainCommandTest {
  @TempDir static Path dir;
  static Path trace;

  @BeforeAll
  static void writeTrace() throws Exception {
    trace = Traces.cookingAndProofs(dir);
  }

  @Test
  void eval_writesResultsReportAndPlots() throws Exception {
    Path out = dir.resolve("out");
    int code = Main.run("eval", "--data", trace.toString(), "--folds", "4", "--inner-folds", "2", "--policy", "knn",
        "--out", out.toString(), "--cache", dir.resolve("cache").toString());
    assertThat(code).isZero();
    JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
    JsonNode knn = results.get("policies").get(0);
    assertThat(knn.get("name").asText()).isEqualTo("knn");
    assertThat(knn.get("kind").asText()).isEqualTo("router");
    assertThat(knn.get("pooled").get("points").get(0)).hasSize(2);
    assertThat(knn.get("pooled").has("aiq_cmax")).isTrue();
    assertThat(knn.get("pooled").has("apgr")).isTrue(); // a two-model pool
    assertThat(knn.get("tasks").has("cooking")).isTrue();
    // the router learns the split: its hull runs from all-small (0.5 @ $0.0001) to the oracle
    // (1.0 @ $0.00105), area .00095·1.5/2 + .00095 → AIQ .83125; the oracle alone is one point: .00095/.002
    JsonNode oracle = null;
    for (JsonNode p : results.get("policies")) {
      oracle = p.get("name").asText().equals("oracle") ? p : oracle;
    }
    assertThat(oracle.get("pooled").get("aiq_cmax").asDouble()).isCloseTo(0.475, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(knn.get("pooled").get("aiq_cmax").asDouble()).isGreaterThan(0.82);
    assertThat(Files.readString(out.resolve("report.md"))).contains("| knn | router |").contains("oracle");
    assertThat(Files.readString(out.resolve("frontier-pooled.svg"))).startsWith("<svg").contains("knn");
    assertThat(Files.size(out.resolve("frontier-pooled.png"))).isGreaterThan(1000);
  }

  @Test
  void evalOnline_streamsTheTrace_andWritesResultsReportAndRegretPlots() throws Exception {
    Path out = dir.resolve("online");
    int code = Main.run("eval", "--online", "--data", trace.toString(), "--seeds", "2", "--lambda", "0.2",
        "--policy", "pheromone:warm=0", "--policy", "best-fixed", "--drift", "quality:best=0@50%", "--out", out.toString(),
        "--cache", dir.resolve("cache").toString());
    assertThat(code).isZero();
    JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
    // reward 0.8·q − 0.2·c/0.002: easy: small 0.79, large 0.6; proofs: small −0.01, large 0.6 → large is best fixed
    JsonNode fixed = results.get("policies").get(1);
    assertThat(fixed.get("name").asText()).isEqualTo("best-fixed");
    assertThat(fixed.get("regret").asDouble()).isCloseTo(20 * 0.19, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(fixed.get("cost_mean").asDouble()).isCloseTo(0.002, org.assertj.core.data.Offset.offset(1e-12));
    JsonNode drift = results.get("drift").get(0);
    assertThat(drift.get("scenario").asText()).isEqualTo("quality:best=0@50% (best = large)");
    assertThat(drift.get("policies").get(0).get("moved_off").get(0).get("subject").asText()).isEqualTo("large");
    assertThat(Files.readString(out.resolve("report.md"))).contains("./signalbox eval --online", "| pheromone:warm=0 |");
    assertThat(Files.size(out.resolve("regret-stationary.png"))).isGreaterThan(1000);
  }

  @Test
  void train_writesAnArtifactThatEvalAndARouteServe() throws Exception {
    Path artifact = dir.resolve("router.json");
    assertThat(Main.run("train", "--data", trace.toString(), "--policy", "knn:k=5", "--inner-folds", "2",
        "--target-cost", "0.0011", "--out", artifact.toString(), "--cache", dir.resolve("cache").toString())).isZero();
    assertThat(Main.run("eval", "--data", trace.toString(), "--folds", "2", "--policy", "trained:artifact=" + artifact,
        "--cache", dir.resolve("cache").toString())).isZero();

    String yaml = "models:\n"
        + "  - {name: small, input_price: 0.1, output_price: 0.1, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:1'}]}\n"
        + "  - {name: large, input_price: 2, output_price: 2, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:2'}]}\n"
        + "routes:\n  - {name: smart, policy: trained, artifact: '" + artifact + "'}\n";
    RoutingTable table = RoutingTable.from(ConfigLoader.parse(yaml, k -> null));
    Embedder embedder = table.embedderFor("smart").orElseThrow();
    assertThat(route(table, embedder, "Prove that theorem 99 about prime numbers holds for every integer.")).isEqualTo("large");
    assertThat(route(table, embedder, "How long should I boil pasta number 99 for dinner?")).isEqualTo("small");
  }

  private static String route(RoutingTable table, Embedder embedder, String text) {
    RouteRequest request = RouteRequest.chat("r", "smart", text);
    Signals signals = SignalExtractor.extract(request);
    return table.decide(request, signals.withEmbedding(embedder.embed(signals.text()))).orElseThrow().model();
  }
}
