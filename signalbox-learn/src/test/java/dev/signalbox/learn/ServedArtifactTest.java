package dev.signalbox.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.routing.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained artifact served on a catalog whose prices differ from the training data's. Training:
 * every model answers easy prompts (near e1); only "dear" and "extra" answer hard ones (near e2);
 * calls cost 0.001, 0.01 and 0.02 training dollars, for 100 prompt and 50 output tokens each. The
 * catalog's "small" costs 1 USD per 1M tokens either way and "big" 10: $0.00015 and $0.0015 a call.
 */
class ServedArtifactTest {
  private static final List<String> MODELS = List.of("cheap", "dear", "extra");
  private static final String CATALOG = "models:\n"
      + "  - {name: small, input_price: 1, output_price: 1, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:1'}]}\n"
      + "  - {name: big, input_price: 10, output_price: 10, context_window: 4096, endpoints: [{url: 'http://127.0.0.1:2'}]}\n";
  private static final float[] EASY = TrainedRouterTest.normalise(new float[] {1, 0, 0.3f, 0, 0, 0, 0, 0});
  private static final float[] HARD = TrainedRouterTest.normalise(new float[] {0, 1, 0, 0.3f, 0, 0, 0, 0});

  private final List<LogRecord> warnings = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      warnings.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void listen() {
    Logger.getLogger(TrainedRouterProvider.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    Logger.getLogger(TrainedRouterProvider.class.getName()).removeHandler(capture);
  }

  static Dataset data(int n, boolean withOutputTokens) {
    java.util.Random rnd = new java.util.Random(5);
    Features[] f = new Features[n];
    String[] tasks = new String[n];
    double[][] q = new double[n][];
    double[][] c = new double[n][];
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      boolean easy = i % 2 == 0;
      f[i] = TrainedRouterTest.prompt(easy, rnd);
      tasks[i] = easy ? "easy" : "hard";
      q[i] = new double[] {easy ? 1 : 0, 1, 1};
      c[i] = new double[] {0.001, 0.01, 0.02};
      double tokens = withOutputTokens ? 50 : Double.NaN;
      out[i] = new double[] {tokens, tokens, tokens};
    }
    return new Dataset(MODELS, f, tasks, q, c, out);
  }

  private static Path artifact(Path dir, boolean withOutputTokens) {
    Dataset data = data(120, withOutputTokens);
    Trainer.Trained t = new Trainer(data, new Trainer.Settings(3, 7, null, null)).train("knn:k=25,shrink=1", data.allRows());
    Path file = dir.resolve("router.json");
    RouterArtifact.of(t, MODELS, FixedEmbedder.ID, 1, Map.of()).write(file);
    return file;
  }

  private static Router route(Path artifact, String settings) {
    String yaml = CATALOG + "routes:\n  - {name: smart, policy: trained, artifact: '" + artifact + "', " + settings + "}\n";
    return RoutingTable.from(ConfigLoader.parse(yaml, k -> null)).router("smart").orElseThrow();
  }

  private static Decision decide(Router router, float[] embedding) {
    return router.route(RouteRequest.chat("r", "smart", "x"), TrainedRouterTest.signals(embedding));
  }

  private static Trace.Alternative alternative(Decision d, String model) {
    return d.trace().alternatives().stream().filter(a -> a.model().equals(model)).findFirst().orElseThrow();
  }

  @Test
  void costsArePredictedTokensAtCatalogPrices_andTheTraceSaysSo(@TempDir Path dir) {
    Router router = route(artifact(dir, true), "models: {cheap: small, dear: big, extra: big}, lambda: 1");
    Decision easy = decide(router, EASY);
    assertThat(easy.model()).isEqualTo("small");
    assertThat(alternative(easy, "small").note()).matches("chosen: predicted quality 0\\.\\d{3}, "
        + "cost \\$0\\.000150 at catalog prices \\(input 1, output 1 per 1M\\)");
    assertThat(alternative(easy, "big").note()).endsWith("cost $0.001500 at catalog prices (input 10, output 10 per 1M)");
    assertThat(decide(router, HARD).model()).isEqualTo("big");
  }

  @Test
  void catalogPricesDecide_notTheTrainingData(@TempDir Path dir) {
    // "cheap" was the cheap model in training; served as the dearer catalog model, it loses the easy prompts
    Router router = route(artifact(dir, true), "models: {cheap: big, dear: small, extra: big}, lambda: 1");
    Decision easy = decide(router, EASY);
    assertThat(easy.model()).isEqualTo("small");
    assertThat(alternative(easy, "small").score()).isGreaterThan(alternative(easy, "big").score());
  }

  @Test
  void targetCostIsInCatalogDollars(@TempDir Path dir) {
    Path file = artifact(dir, true);
    // catalog: hard prompts to big and easy ones to small average $0.000825; in training dollars that is $0.0055
    assertThat(decide(route(file, "models: {cheap: small, dear: big, extra: big}, target_cost: 0.001"), HARD).model())
        .isEqualTo("big");
    assertThat(decide(route(file, "models: {cheap: small, dear: big, extra: big}, target_cost: 0.0002"), HARD).model())
        .isEqualTo("small");
  }

  @Test
  void recalibration_coversTheServedModelsAtCatalogPrices(@TempDir Path dir) {
    RouterArtifact a = RouterArtifact.read(artifact(dir, true));
    var catalog = ConfigLoader.parse(CATALOG, k -> null).catalog();
    ServedArtifact served = new ServedArtifact(a, new int[] {0, 1}, List.of(catalog.get("small"), catalog.get("big")));
    Calibration cal = served.calibration().orElseThrow();
    assertThat(served.repriced()).isTrue();
    assertThat(served.costScale()).isCloseTo(0.0015, offset(1e-12));
    assertThat(cal.cost()[0]).isCloseTo(0.0015, offset(1e-9)); // λ = 0: big, the best predicted quality
    assertThat(cal.quality()[0]).isCloseTo(1, offset(1e-9));
    int mixed = indexOf(cal.cost(), 0.000825); // small on easy prompts, big on hard ones
    assertThat(mixed).isPositive();
    assertThat(cal.quality()[mixed]).isCloseTo(1, offset(1e-9));
    assertThat(cal.lambdaForCost(0.001)).isEqualTo(cal.lambdas().get(mixed));
    int last = cal.cost().length - 1; // λ = 1000: small alone, right on easy prompts only
    assertThat(cal.cost()[last]).isCloseTo(0.00015, offset(1e-9));
    assertThat(cal.quality()[last]).isCloseTo(0.5, offset(1e-9));
  }

  private static int indexOf(double[] values, double target) {
    for (int i = 0; i < values.length; i++) {
      if (Math.abs(values[i] - target) < 1e-9) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void anUnmappedModelIsLeftOutWithAWarning(@TempDir Path dir) {
    Router router = route(artifact(dir, true), "models: {cheap: small, dear: big}");
    assertThat(decide(router, HARD).trace().alternatives()).extracting(Trace.Alternative::model)
        .containsExactlyInAnyOrder("small", "big");
    assertThat(warnings).extracting(LogRecord::getMessage).anySatisfy(m -> assertThat(m)
        .contains("route 'smart': serving 2 of the artifact's 3 models")
        .contains("not mapped under models: extra").contains("train --models cheap,dear"));
  }

  @Test
  void anUnservedFallbackIsAnErrorThatSuggestsRetraining(@TempDir Path dir) {
    Path file = artifact(dir, true);
    assertThatThrownBy(() -> route(file, "models: {cheap: small}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("routes[0]").hasMessageContaining("fallback model 'dear' is not in the catalog")
        .hasMessageContaining("train --models cheap");
    Router router = route(file, "models: {cheap: small}, fallback: small");
    assertThat(decide(router, HARD).model()).isEqualTo("small");
  }

  @Test
  void withoutOutputTokens_costsStayTheTrainingDatas_withAWarning(@TempDir Path dir) {
    Router router = route(artifact(dir, false), "models: {cheap: small, dear: big, extra: big}, lambda: 1");
    assertThat(alternative(decide(router, EASY), "small").note()).endsWith("cost $0.001000 at the training data's prices");
    assertThat(warnings).extracting(LogRecord::getMessage)
        .anySatisfy(m -> assertThat(m).contains("decides at the training data's prices"));
  }
}
