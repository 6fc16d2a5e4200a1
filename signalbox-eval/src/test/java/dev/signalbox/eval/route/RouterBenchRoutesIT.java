package dev.signalbox.eval.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.EvalRunner;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.FakeEmbedder;
import dev.signalbox.learn.Frontier.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configured routes on the real RouterBench subset (fit on the train split, measured on the 945
 * test prompts): a rules route that sends long prompts to GPT-4 (named {@code gpt4} in the
 * catalog, mapped) and the rest to Mixtral scores exactly that assignment; a fixed route is its
 * single model.
 */
class RouterBenchRoutesIT {
  @TempDir Path tmp;

  @Test
  void rulesAndFixedRoutes_scoreTheModelsTheyChoose() throws Exception {
    Path dir = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/routerbench-5shot-subset").normalize();
    assumeTrue(Files.isDirectory(dir), "RouterBench subset not found at ../shared/data/routerbench-5shot-subset; skipped");
    EvalRunner.Options o = new EvalRunner.Options(List.of(), List.of(dir + "/*_train.csv"), List.of(dir + "/*_test.csv"),
        5, false, 5, List.of(), List.of(), Map.of(), null, 1);
    EvalData data = EvalData.of(EvalRunner.records(o), new FakeEmbedder(), (m, out, s) -> Double.NaN);
    int[] test = data.rowsOfSplit("test");
    int[] tokens = Arrays.stream(test).map(r -> data.signals()[r].promptTokens()).sorted().toArray();
    int median = tokens[tokens.length / 2];
    String model = "{input_price: 1, output_price: 1, context_window: 200000, endpoints: [{url: 'http://127.0.0.1:1'}]}";
    String yaml = "models:\n"
        + "  - " + model.replaceFirst("[{]", "{name: gpt4, ") + "\n"
        + "  - " + model.replaceFirst("[{]", "{name: mistralai/mixtral-8x7b-chat, ") + "\n"
        + "  - " + model.replaceFirst("[{]", "{name: claude-v2, ") + "\n"
        + "routes:\n"
        + "  - {name: auto, policy: rules, default: mistralai/mixtral-8x7b-chat,"
        + " rules: [{name: long, priority: 1, when: {prompt_tokens: {min: " + median + "}}, model: gpt4}]}\n"
        + "  - {name: claude, policy: fixed, model: claude-v2}\n";
    Path config = tmp.resolve("routerbench.yaml");
    Files.writeString(config, yaml);
    List<ConfiguredRoute> routes = ConfiguredRoute.load(config, List.of("auto", "claude"),
        Map.of("gpt4", "gpt-4-1106-preview"), data, new FakeEmbedder());
    Evaluation.Result r = EvalRunner.run(o, data, new FakeEmbedder(), routes, false);

    int gpt4 = data.data().models().indexOf("gpt-4-1106-preview");
    int mixtral = data.data().models().indexOf("mistralai/mixtral-8x7b-chat");
    double quality = 0;
    double cost = 0;
    for (int row : test) {
      int m = data.signals()[row].promptTokens() >= median ? gpt4 : mixtral;
      quality += data.data().quality()[row][m] / test.length;
      cost += data.data().cost()[row][m] / test.length;
    }
    RoutePolicyTest.assertOnePoint(points(r, "route:auto"), cost, quality);
    assertThat(quality).isBetween(points(r, "single:mistralai/mixtral-8x7b-chat").get(0).quality(),
        points(r, "single:gpt-4-1106-preview").get(0).quality());
    assertThat(points(r, "route:claude")).isEqualTo(points(r, "single:claude-v2"));
    assertThat(r.protocol()).contains("route:auto, policy rules; route:claude, policy fixed. The configuration's models"
        + " onto the trace's: 2 by name, gpt4=gpt-4-1106-preview.");
  }

  private static List<Point> points(Evaluation.Result r, String policy) {
    return r.policies().stream().filter(p -> p.name().equals(policy)).findFirst().orElseThrow()
        .slices().get(Evaluation.POOLED).points();
  }
}
