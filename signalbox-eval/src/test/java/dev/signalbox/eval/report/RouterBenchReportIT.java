package dev.signalbox.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.EvalRunner;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.FakeEmbedder;
import dev.signalbox.eval.policy.Baselines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real report from the RouterBench subset (baselines only, so no embedding model is needed):
 * eleven crowded single-model labels, the notes where the data calls for them.
 */
class RouterBenchReportIT {

  @Test
  void realReport_isLegible_andExplainsWhatLooksOdd(@TempDir Path dir) throws Exception {
    Path data = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/routerbench-5shot-subset").normalize();
    assumeTrue(Files.isDirectory(data), "RouterBench subset not found at ../shared/data/routerbench-5shot-subset; skipped");
    EvalRunner.Options o = new EvalRunner.Options(List.of(), List.of(data + "/*_train.csv"), List.of(data + "/*_test.csv"),
        5, false, 5, List.of(), List.of(), Map.of(), null, 1);
    EvalData d = EvalData.of(EvalRunner.records(o), new FakeEmbedder(), (m, out, s) -> Double.NaN);
    Evaluation.Result r = Evaluation.trainTest(d, Baselines.all(d.data().models()), d.rowsOfSplit("train"),
        d.rowsOfSplit("test"));
    for (String slice : r.slices()) {
      FrontierPlot plot = new FrontierPlot(r, slice);
      ReportsTest.assertLegible(plot);
      assertThat(plot.labels()).as("11 models, random and the oracle").hasSize(13);
    }
    Reports.write(dir, r, "eval");
    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md).contains("- single:gpt-4-1106-preview has AIQ 0");
    // per task the training split's best models are the test split's; pooled, the λ sweeps differ slightly
    String[] tables = md.split("\n### ");
    assertThat(tables).hasSize(5);
    assertThat(tables[1]).startsWith("pooled").doesNotContain("task-aware equals task-oracle")
        .contains("task-aware and task-oracle differ here only past the decimals shown");
    for (int i = 2; i < tables.length; i++) {
      assertThat(tables[i]).contains("task-aware equals task-oracle here");
    }
    assertThat(dir.resolve("frontier-arc-challenge.png")).exists();
  }
}
