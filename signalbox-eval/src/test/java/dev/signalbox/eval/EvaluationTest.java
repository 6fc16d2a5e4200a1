package dev.signalbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.core.request.Message;
import dev.signalbox.eval.policy.Baselines;
import dev.signalbox.eval.policy.Policy;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import dev.signalbox.learn.Frontier.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Baselines and metrics on four hand-made test prompts (and two training prompts). */
class EvaluationTest {

  static TraceRecord record(String id, String task, String split, double qa, double ca, double qb, double cb) {
    Map<String, ModelOutcome> m = new LinkedHashMap<>();
    m.put("a", ModelOutcome.of(qa, ca));
    m.put("b", ModelOutcome.of(qb, cb));
    return new TraceRecord(id, task, List.of(Message.user("prompt " + id)), m, split);
  }

  static EvalData data() {
    List<TraceRecord> r = new ArrayList<>();
    r.add(record("t1", "x", "train", 1, 1, 1, 4));
    r.add(record("t2", "y", "train", 0, 1, 1, 4));
    r.add(record("1", "x", "test", 1, 1, 1, 4));  // both right: oracle takes cheap a
    r.add(record("2", "x", "test", 0, 1, 1, 4));  // only b
    r.add(record("3", "y", "test", 0, 1, 0, 4));  // no model correct: cheapest, a
    r.add(record("4", "y", "test", 1, 1, 0, 4));  // only a
    return EvalData.of(r, new FakeEmbedder(), (model, o, s) -> Double.NaN);
  }

  static Evaluation.PolicyResult find(Evaluation.Result result, String name) {
    return result.policies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void baselines_handComputed() {
    EvalData d = data();
    Evaluation.Result result = Evaluation.trainTest(d, Baselines.all(d.data().models()), d.rowsOfSplit("train"),
        d.rowsOfSplit("test"));
    assertThat(result.slices()).containsExactly("pooled", "x", "y");
    // single a: Q = .5, C = 1; single b: Q = .5, C = 4; random: Q = .5, C = 2.5
    assertThat(find(result, "single:a").slices().get("pooled").points()).containsExactly(new Point(1, 0.5));
    assertThat(find(result, "random").slices().get("pooled").points()).containsExactly(new Point(2.5, 0.5));
    // oracle picks a, b, a, a: Q = 3/4, C = (1 + 4 + 1 + 1)/4
    assertThat(find(result, "oracle").slices().get("pooled").points()).containsExactly(new Point(1.75, 0.75));
    // c_max = 4, c_min = 1; single a: area (4-1)·.5 = 1.5 → ÷4 = .375, ÷3 = .5
    SliceMetrics a = find(result, "single:a").slices().get("pooled");
    assertThat(a.aiqCmax()).isCloseTo(0.375, within(1e-12));
    assertThat(a.aiqRange()).isCloseTo(0.5, within(1e-12));
    // two models: APGR and CPT are defined; a and b tie at .5 pooled, so the dearer b is the strong one
    SliceMetrics oracleX = find(result, "oracle").slices().get("x");
    // task x: a .5 @1, b 1 @4; oracle a,b: Q 1 @ 2.5 with half strong calls → CPT(50%) = 25%
    assertThat(oracleX.points()).containsExactly(new Point(2.5, 1.0));
    assertThat(oracleX.cpt50()).isCloseTo(0.25, within(1e-12));
    assertThat(find(result, "random").slices().get("x").apgr()).isCloseTo(0.5, within(1e-12));
    assertThat(find(result, "single:a").slices().get("x").apgr()).isNaN();
    // task-aware learns b for x (train: a wrong on t2? no: t1 is x, a right) and a for y at high λ
    assertThat(find(result, "task-aware").kind()).isEqualTo(Policy.Kind.BASELINE);
    // task-oracle: per-task means of the test rows — x: a .5 @1, b 1 @4; y: a .5 @1, b 0 @4.
    // At λ = 0 it takes b for x and a for y (Q .75 @ 2.5); with cost weighing most, a everywhere.
    assertThat(find(result, "task-oracle").kind()).isEqualTo(Policy.Kind.ORACLE);
    assertThat(find(result, "task-oracle").slices().get("pooled").points())
        .contains(new Point(2.5, 0.75), new Point(1, 0.5))
        .allMatch(p -> p.equals(new Point(2.5, 0.75)) || p.equals(new Point(1, 0.5)));
  }

  @Test
  void oracle_tiesAndNoModelCorrect() {
    assertThat(Baselines.oracleChoice(new double[] {1, 1, 0}, new double[] {3, 2, 1})).isEqualTo(1);
    assertThat(Baselines.oracleChoice(new double[] {0, 0, 0}, new double[] {3, 2, 1})).isEqualTo(2);
    assertThat(Baselines.oracleChoice(new double[] {0.5, 0.7, 0.7}, new double[] {1, 5, 4})).isEqualTo(2);
  }

  @Test
  void crossValidation_measuresEveryRowOnce() {
    List<TraceRecord> r = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      r.add(record("r" + i, i % 2 == 0 ? "x" : "y", null, i % 3 == 0 ? 1 : 0, 1, 1, 2));
    }
    EvalData d = EvalData.of(r, new FakeEmbedder(), (model, o, s) -> Double.NaN);
    Evaluation.Result result = Evaluation.crossValidate(d, Baselines.all(d.data().models()), 4, 1);
    assertThat(result.sliceSizes().get("pooled")).isEqualTo(20);
    Point b = find(result, "single:b").slices().get("pooled").points().get(0);
    assertThat(b.cost()).isCloseTo(2, within(1e-12));
    assertThat(b.quality()).isCloseTo(1, within(1e-12));
  }
}
