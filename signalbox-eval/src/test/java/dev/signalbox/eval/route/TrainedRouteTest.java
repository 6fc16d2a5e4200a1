package dev.signalbox.eval.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Embedders;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.FakeEmbedder;
import dev.signalbox.eval.policy.OperatingPoint;
import dev.signalbox.eval.policy.RoutePolicy;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import dev.signalbox.learn.RouterArtifact;
import dev.signalbox.learn.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code trained} route, its artifact trained here on a synthetic trace (cooking questions: the
 * small model is right; proofs: only the large one), replayed with the real embedding model the
 * artifact names, on catalog models of other names.
 */
class TrainedRouteTest {
  @TempDir Path dir;

  static List<TraceRecord> records() {
    List<TraceRecord> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean easy = i % 2 == 0;
      String prompt = easy ? "How long should I boil pasta number " + i + " for dinner?"
          : "Prove that theorem " + i + " about prime numbers holds for every integer.";
      Map<String, ModelOutcome> m = new LinkedHashMap<>();
      m.put("small", ModelOutcome.of(easy ? 1 : 0, 0.0001));
      m.put("large", ModelOutcome.of(1, 0.002));
      out.add(new TraceRecord("p" + i, easy ? "cooking" : "proofs", List.of(Message.user(prompt)), m,
          i < 20 ? "train" : "test"));
    }
    return out;
  }

  @Test
  void trainedRoute_scoresTheModelsItServes_withTheTracesEmbeddingsOrItsOwn() throws Exception {
    Embedder miniLm = Embedders.byId(Embedders.MINILM);
    EvalData data = EvalData.of(records(), miniLm, (m, o, s) -> Double.NaN);
    Trainer.Trained t = new Trainer(data.data(), new Trainer.Settings(2, 1, null, null)).train("knn:k=5", data.rowsOfSplit("train"));
    Path artifact = dir.resolve("router.json");
    RouterArtifact.of(t, data.data().models(), miniLm.id(), 0.3, Map.of()).write(artifact);
    String yaml = "models:\n"
        + "  - {name: mini, input_price: 0.1, output_price: 0.1, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:1'}]}\n"
        + "  - {name: maxi, input_price: 2, output_price: 2, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:2'}]}\n"
        + "routes:\n  - {name: smart, policy: trained, artifact: '" + artifact + "', models: {small: mini, large: maxi}}\n";
    Path config = CodeAndChat.write(dir, yaml);
    Map<String, String> map = Map.of("mini", "small", "maxi", "large");

    // the trace was embedded by the artifact's model: the route reads those vectors
    ConfiguredRoute route = ConfiguredRoute.load(config, List.of("auto"), map, data, miniLm).get(0);
    int[] choice = run(route, data);
    // a trace embedded otherwise: the route embeds the prompts itself, as the gateway would
    EvalData fake = EvalData.of(records(), new FakeEmbedder(), (m, o, s) -> Double.NaN);
    int[] own = run(ConfiguredRoute.load(config, List.of("smart"), map, fake, new FakeEmbedder()).get(0), fake);

    int large = data.data().models().indexOf("large");
    for (int row : data.rowsOfSplit("test")) {
      assertThat(choice[row] == large).as("row %d", row).isEqualTo(row % 2 == 1); // proofs to large, cooking to small
    }
    assertThat(own).isEqualTo(choice);
    assertThat(route.name()).isEqualTo("route:auto");
    assertThat(route.describe()).isEqualTo("route:auto (the route 'smart'), policy trained");
  }

  private static int[] run(ConfiguredRoute route, EvalData data) {
    OperatingPoint p = new RoutePolicy(route, 1).run(data, data.rowsOfSplit("train"), data.rowsOfSplit("test")).get(0);
    return p.assignments().get(0);
  }
}
