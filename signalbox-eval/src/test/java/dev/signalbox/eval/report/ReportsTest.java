package dev.signalbox.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.report.plot.Box;
import dev.signalbox.report.plot.Labels;
import dev.signalbox.report.plot.SvgCanvas;
import dev.signalbox.core.request.Message;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.FakeEmbedder;
import dev.signalbox.eval.policy.Baselines;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.md and the frontier plots on hand-made traces: model {@code a} costs 1, {@code b} costs 4.
 * On the test rows b is the better model on both tasks. In the "same" trace the training rows
 * repeat the test rows, so task-aware and task-oracle fit the same models; in the "flipped" one a
 * is the better on the training rows, so task-aware never takes b where task-oracle does.
 */
class ReportsTest {

  private static TraceRecord row(String id, String task, String split, double qa, double qb, boolean costs) {
    Map<String, ModelOutcome> m = new LinkedHashMap<>();
    m.put("a", ModelOutcome.of(qa, costs ? 1 : 0));
    m.put("b", ModelOutcome.of(qb, costs ? 4 : 0));
    return new TraceRecord(id, task, List.of(Message.user("prompt " + id)), m, split);
  }

  private static Evaluation.Result evaluate(boolean flipped) {
    return evaluate(flipped, true);
  }

  private static Evaluation.Result evaluate(boolean flipped, boolean costs) {
    List<TraceRecord> r = new ArrayList<>();
    double[][] test = {{1, 1}, {0, 1}, {0, 1}, {0, 1}, {1, 1}};
    String[] tasks = {"arc_challenge", "arc_challenge", "code (python)", "code (python)", "code (python)"};
    for (int i = 0; i < test.length; i++) {
      r.add(row("test" + i, tasks[i], "test", test[i][0], test[i][1], costs));
      r.add(flipped ? row("train" + i, tasks[i], "train", 1, 0, costs)
          : row("train" + i, tasks[i], "train", test[i][0], test[i][1], costs));
    }
    EvalData d = EvalData.of(r, new FakeEmbedder(), (model, o, s) -> Double.NaN);
    return Evaluation.trainTest(d, Baselines.all(d.data().models()), d.rowsOfSplit("train"), d.rowsOfSplit("test"));
  }

  @Test
  void reportMd_explainsTheColumnsAndTheDearestModelsZeroAiq(@TempDir Path dir) throws Exception {
    Reports.write(dir, evaluate(false), "./signalbox eval");
    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md).contains("| policy | kind | points | max quality | its cost |")
        .contains("- points: how many operating points the policy has")
        .contains("its cost: that point's mean cost per prompt (USD)")
        .contains("- single:b has AIQ 0: it is the dearest policy here, so its cost is c_max")
        .doesNotContain("single:a has AIQ 0");
    assertThat(md.indexOf("- points:")).as("the legend sits under the first table")
        .isGreaterThan(md.indexOf("| oracle | oracle |"));
  }

  @Test
  void theTaskAwareNote_appearsOnlyWhereItEqualsTheTaskOracle(@TempDir Path dir) throws Exception {
    Evaluation.Result same = evaluate(false);
    Evaluation.Result flipped = evaluate(true);
    for (String slice : same.slices()) {
      assertThat(TableNotes.sameFrontier(find(same, "task-aware", slice), find(same, "task-oracle", slice))).isTrue();
      assertThat(TableNotes.sameFrontier(find(flipped, "task-aware", slice), find(flipped, "task-oracle", slice)))
          .isFalse();
    }
    Reports.write(dir.resolve("same"), same, "eval");
    Reports.write(dir.resolve("flipped"), flipped, "eval");
    String note = "task-aware equals task-oracle here";
    assertThat(Files.readString(dir.resolve("same/report.md")).split(note, -1)).as("under each of the 3 tables").hasSize(4);
    assertThat(TextTables.plain(same)).contains("note: " + note);
    assertThat(Files.readString(dir.resolve("flipped/report.md"))).doesNotContain(note);
    assertThat(TextTables.plain(flipped)).doesNotContain(note);
  }

  @Test
  void plots_haveReadableUniqueNames_linkedFromTheReport(@TempDir Path dir) throws Exception {
    Evaluation.Result result = evaluate(false);
    assertThat(FrontierPlot.baseNames(result))
        .containsExactly("frontier-pooled", "frontier-arc-challenge", "frontier-code-python");
    Reports.write(dir, result, "eval");
    for (String base : FrontierPlot.baseNames(result)) {
      assertThat(Files.readString(dir.resolve(base + ".svg"))).startsWith("<svg");
      assertThat(Files.size(dir.resolve(base + ".png"))).isGreaterThan(1000);
      assertThat(Files.readString(dir.resolve("report.md"))).contains("(" + base + ".svg)");
    }
  }

  @Test
  void frontierPlot_labelsApartAndInside_legendOutsideTheData() {
    Evaluation.Result result = evaluate(false);
    for (String slice : result.slices()) {
      assertLegible(new FrontierPlot(result, slice));
    }
  }

  @Test
  void withoutCosts_theFrontierPlotSaysSo_andStaysLegible() {
    Evaluation.Result result = evaluate(false, false);
    FrontierPlot plot = new FrontierPlot(result, Evaluation.POOLED);
    assertLegible(plot);
    SvgCanvas svg = new SvgCanvas(plot.chart().width(), plot.chart().height());
    plot.draw(svg);
    assertThat(svg.document()).contains("the data has no costs").contains("policy (best quality)")
        .doesNotContain("log scale");
  }

  /** Point labels inside the data area and apart, the legend beside it and inside the drawing. */
  static void assertLegible(FrontierPlot plot) {
    Box area = plot.chart().area();
    List<Labels.Placed> labels = plot.labels();
    assertThat(labels).isNotEmpty();
    for (int i = 0; i < labels.size(); i++) {
      assertThat(area.contains(labels.get(i).box())).as("%s inside", labels.get(i).label().text()).isTrue();
      for (int j = i + 1; j < labels.size(); j++) {
        assertThat(labels.get(i).box().overlaps(labels.get(j).box()))
            .as("%s and %s apart", labels.get(i).label().text(), labels.get(j).label().text()).isFalse();
      }
    }
    Box legend = plot.chart().legendBox();
    assertThat(legend.overlaps(area)).isFalse();
    assertThat(new Box(0, 0, plot.chart().width(), plot.chart().height()).contains(legend)).isTrue();
  }

  private static dev.signalbox.eval.SliceMetrics find(Evaluation.Result r, String policy, String slice) {
    return r.policies().stream().filter(p -> p.name().equals(policy)).findFirst().orElseThrow().slices().get(slice);
  }
}
