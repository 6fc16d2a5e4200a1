package dev.signalbox.learn.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskPriorQualityTest {

  /** Task "a" prompts point along e1, task "b" along e2; model 0 is right on every "a", model 1 on every "b". */
  static Dataset twoTasks() {
    int n = 40;
    Features[] f = new Features[n];
    String[] tasks = new String[n];
    double[][] q = new double[n][];
    double[][] c = new double[n][];
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      boolean a = i % 2 == 0;
      f[i] = new Features(a ? new float[] {1, 0} : new float[] {0, 1}, 100);
      tasks[i] = a ? "a" : "b";
      q[i] = a ? new double[] {1, 0} : new double[] {0, 1};
      c[i] = new double[] {0, 0};
      out[i] = new double[] {Double.NaN, Double.NaN};
    }
    return new Dataset(List.of("m0", "m1"), f, tasks, q, c, out);
  }

  @Test
  void predictsTheTaskFromThePrompt_andEachModelsShrunkMeanForThatTask() {
    Dataset d = twoTasks();
    TaskPriorQuality model = TaskPriorQuality.fit(d, d.allRows(), 1e-4, 1);
    assertThat(model.tasks()).containsExactly("a", "b");
    double[] pa = model.taskProbabilities(new Features(new float[] {1, 0}, 100));
    assertThat(pa[0]).isGreaterThan(0.8);
    // per-task means shrunk by 5 pseudo-prompts of the overall mean 0.5: (20·1 + 5·0.5) / 25 = 0.9
    double[] qa = model.predict(new Features(new float[] {1, 0}, 100));
    double[] qb = model.predict(new Features(new float[] {0, 1}, 100));
    assertThat(qa[0]).isGreaterThan(0.7).isLessThanOrEqualTo(0.9);
    assertThat(qa[1]).isLessThan(0.3).isGreaterThanOrEqualTo(0.1);
    assertThat(qb[1]).isGreaterThan(0.7);
    // the mix is Σ p_t · means[t]
    assertThat(TaskPriorQuality.mix(new double[] {0.25, 0.75}, new double[][] {{0.9, 0.1}, {0.1, 0.9}}))
        .containsExactly(new double[] {0.3, 0.7}, within(1e-12));
  }

  @Test
  void survivesItsArtifact() {
    Dataset d = twoTasks();
    TaskPriorQuality model = TaskPriorQuality.fit(d, d.allRows(), 1e-4, 1);
    QualityModel back = QualityModels.fromJson(model.toJson());
    Features x = new Features(new float[] {0.6f, 0.8f}, 100);
    assertThat(back.predict(x)).containsExactly(model.predict(x), within(1e-9));
  }
}
