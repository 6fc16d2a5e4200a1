package dev.signalbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signalbox.eval.policy.Baselines;
import dev.signalbox.eval.trace.TraceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metric code against the published anchors of routing-metrics.md §4.1, on the real
 * RouterBench subset (test split, baselines only, so no embedding model is needed).
 */
class RouterBenchAnchorsIT {

  @Test
  void zeroRouterAndTaskAware_matchThePublishedAiqs() {
    Path dir = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/routerbench-5shot-subset").normalize();
    assumeTrue(Files.isDirectory(dir), "RouterBench subset not found at ../shared/data/routerbench-5shot-subset; skipped");
    List<TraceRecord> records = new ArrayList<>();
    EvalRunner.Options o = new EvalRunner.Options(List.of(), List.of(dir + "/*_train.csv"), List.of(dir + "/*_test.csv"),
        5, false, 5, List.of(), List.of(), java.util.Map.of(), null, 1);
    records.addAll(EvalRunner.records(o));
    EvalData d = EvalData.of(records, new FakeEmbedder(), (m, out, s) -> Double.NaN);
    Evaluation.Result r = Evaluation.trainTest(d, Baselines.all(d.data().models()), d.rowsOfSplit("train"),
        d.rowsOfSplit("test"));
    assertThat(r.sliceSizes()).containsEntry("pooled", 945).containsEntry("arc-challenge", 437);
    SliceMetrics zero = EvaluationTest.find(r, "zero-router").slices().get("pooled");
    assertThat(zero.aiqCmax()).isCloseTo(0.809, within(0.0005));
    assertThat(zero.aiqRange()).isCloseTo(0.823, within(0.0005));
    SliceMetrics taskAware = EvaluationTest.find(r, "task-aware").slices().get("pooled");
    assertThat(taskAware.aiqCmax()).isCloseTo(0.842, within(0.0005));
    assertThat(taskAware.aiqRange()).isCloseTo(0.856, within(0.0005));
    SliceMetrics taskOracle = EvaluationTest.find(r, "task-oracle").slices().get("pooled");
    assertThat(taskOracle.aiqCmax()).as("what knowing only the task can reach").isBetween(0.842, 0.85);
    SliceMetrics oracle = EvaluationTest.find(r, "oracle").slices().get("pooled");
    assertThat(oracle.best().quality()).isCloseTo(0.976, within(0.0005));
    assertThat(oracle.best().cost()).isCloseTo(0.000211, within(0.0000005));
    assertThat(EvaluationTest.find(r, "single:gpt-4-1106-preview").slices().get("pooled").best().quality())
        .isCloseTo(0.879, within(0.0005));
    assertThat(EvaluationTest.find(r, "zero-router").slices().get("arc-challenge").aiqCmax()).isCloseTo(0.911, within(0.0005));
  }
}
