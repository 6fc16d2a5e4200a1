package dev.signalbox.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.signal.Signals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learned routers on synthetic data where the prompt's direction decides which model is right:
 * "cheap" is right on prompts near e1, only "dear" is right near e2.
 */
class TrainedRouterTest {
  static final List<String> MODELS = List.of("cheap", "dear");

  static Dataset synthetic(int n, long seed) {
    Random rnd = new Random(seed);
    Features[] f = new Features[n];
    String[] tasks = new String[n];
    double[][] q = new double[n][];
    double[][] c = new double[n][];
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      boolean easy = i % 2 == 0;
      f[i] = prompt(easy, rnd);
      tasks[i] = easy ? "easy" : "hard";
      q[i] = new double[] {easy && rnd.nextDouble() < 0.9 ? 1 : 0, rnd.nextDouble() < 0.9 ? 1 : 0};
      c[i] = new double[] {0.001, 0.01};
      out[i] = new double[] {Double.NaN, Double.NaN};
    }
    return new Dataset(MODELS, f, tasks, q, c, out);
  }

  /** A prompt near e1 (easy) or e2 (hard), a little off towards one of the other directions. */
  static Features prompt(boolean easy, Random rnd) {
    float[] e = new float[8];
    e[easy ? 0 : 1] = 1;
    e[2 + rnd.nextInt(6)] = 0.3f;
    return new Features(normalise(e), 100);
  }

  static float[] normalise(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(s);
    }
    return v;
  }

  static Signals signals(float[] embedding) {
    return new Signals(100, -1, "text", "general", 1, embedding);
  }

  @Test
  void everyLearner_routesEasyPromptsCheaplyAndHardOnesToTheStrongModel() {
    Dataset data = synthetic(200, 1);
    Trainer trainer = new Trainer(data, new Trainer.Settings(3, 7, null, null));
    for (String spec : List.of("knn", "cluster:clusters=2", "logistic:l2=0.0001", "mlp:hidden=16,l2=0.0001", "mf:rank=4", "ensemble:members=knn+logistic",
        "task", "stack:members=task+knn")) {
      Trainer.Trained t = trainer.train(spec, data.allRows());
      TradeoffRouter router = RouterArtifact.of(t, MODELS, "test", 0.5, Map.of()).router(null, MODELS, "dear", 0.5);
      float[] easy = normalise(new float[] {1, 0, 0.3f, 0, 0, 0, 0, 0});
      float[] hard = normalise(new float[] {0, 1, 0, 0.3f, 0, 0, 0, 0});
      assertThat(router.route(RouteRequest.chat("a", "auto", "x"), signals(easy)).model()).as(spec).isEqualTo("cheap");
      assertThat(router.route(RouteRequest.chat("b", "auto", "x"), signals(hard)).model()).as(spec).isEqualTo("dear");
      assertThat(t.cvScores()).as(spec).isNotEmpty();
    }
  }

  @Test
  void withoutAnEmbedding_theRouterFallsBackAndSaysSo() {
    Dataset data = synthetic(60, 2);
    Trainer.Trained t = new Trainer(data, new Trainer.Settings(3, 7, null, null)).train("knn:k=5", data.allRows());
    TradeoffRouter router = RouterArtifact.of(t, MODELS, "test", 0, Map.of()).router(null, MODELS, "dear", 0);
    Decision d = router.route(RouteRequest.chat("a", "auto", "x"), signals(null));
    assertThat(d.model()).isEqualTo("dear");
    assertThat(d.trace().reason()).contains("no prompt embedding");
  }

  @Test
  void artifact_roundTripsToTheSamePredictions(@TempDir Path dir) {
    Dataset data = synthetic(120, 3);
    Trainer trainer = new Trainer(data, new Trainer.Settings(3, 7, null, null));
    for (String spec : List.of("knn", "cluster:clusters=3", "mlp:hidden=8,l2=0.001", "ensemble:members=knn+mf",
        "stack:members=task+knn+logistic")) {
      Trainer.Trained t = trainer.train(spec, data.allRows());
      RouterArtifact written = RouterArtifact.of(t, MODELS, "test", 0.25, Map.of("rows", 120));
      Path file = dir.resolve(spec.replace(':', '_') + ".json");
      written.write(file);
      RouterArtifact read = RouterArtifact.read(file);
      assertThat(read.lambda()).isEqualTo(0.25);
      assertThat(read.models()).isEqualTo(MODELS);
      Features x = data.features()[5];
      assertThat(read.quality().predict(x)).containsExactly(t.quality().predict(x), org.assertj.core.data.Offset.offset(1e-6));
      assertThat(read.cost().predict(x)).containsExactly(t.cost().predict(x), org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void linearCost_fitsPricePerTokenFromObservedCosts() {
    Features[] f = {new Features(new float[] {1}, 100), new Features(new float[] {1}, 300)};
    double[][] cost = {{0.0011}, {0.0031}};
    Dataset d = new Dataset(List.of("m"), f, new String[] {"t", "t"}, new double[][] {{1}, {1}}, cost,
        new double[][] {{Double.NaN}, {Double.NaN}});
    double[] predicted = dev.signalbox.learn.cost.LinearCostModel.fit(d, d.allRows()).predict(new Features(new float[] {1}, 200));
    assertThat(predicted[0]).isCloseTo(0.0021, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void trainedPolicy_isLoadedFromConfigAndValidatedByKey(@TempDir Path dir) {
    Dataset data = synthetic(60, 4);
    Trainer.Trained t = new Trainer(data, new Trainer.Settings(3, 7, null, null)).train("knn:k=5", data.allRows());
    Path file = dir.resolve("router.json");
    new RouterArtifact(t.spec(), t.chosen(), MODELS, "unknown-embedder", "dear", t.costScale(), 0, t.calibration(),
        t.cvScores(), Map.of(), t.quality(), t.cost(), t.outputTokens(), t.calibrationRows()).write(file);
    String models = "models:\n  - {name: small, input_price: 0.1, output_price: 0.1, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:1'}]}\n"
        + "  - {name: big, input_price: 1, output_price: 1, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:2'}]}\n";
    String route = "routes:\n  - {name: smart, policy: trained, artifact: '" + file + "'";
    assertThatThrownBy(() -> RoutingTable.from(ConfigLoader.parse(models + route + "}\n", k -> null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("routes[0].artifact")
        .hasMessageContaining("none of the artifact's models is in the catalog").hasMessageContaining("train --models");
    assertThatThrownBy(() -> RoutingTable.from(ConfigLoader.parse(models + route + ", models: {cheap: small, dear: nope}}\n", k -> null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("routes[0].models.dear").hasMessageContaining("unknown model 'nope'");
    assertThatThrownBy(() -> RoutingTable.from(ConfigLoader.parse(models + route + ", models: {cheap: small, dear: big}}\n", k -> null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("routes[0].artifact").hasMessageContaining("unknown embedder");
    assertThatThrownBy(() -> RoutingTable.from(ConfigLoader.parse(models
        + "routes:\n  - {name: smart, policy: trained, artifact: missing.json}\n", k -> null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("routes[0].artifact: no such file");
  }
}
