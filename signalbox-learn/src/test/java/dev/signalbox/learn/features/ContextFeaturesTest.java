package dev.signalbox.learn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.core.signal.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The feature pipeline: bias and one-hot task, cluster and complexity blocks, and the task classifier. */
class ContextFeaturesTest {
  static final List<ContextFeatures.Block> GREENSERV =
      List.of(ContextFeatures.Block.TASK, ContextFeatures.Block.CLUSTER, ContextFeatures.Block.COMPLEXITY);

  @Test
  void greenServsContext_isBiasThenOneHotBlocks() {
    ContextFeatures f = new ContextFeatures(GREENSERV, new HeuristicTasks(), 3, new double[] {20, 30});
    assertThat(f.dimension()).isEqualTo(1 + 8 + 3 + 3);
    assertThat(f.names()).startsWith("bias", "task=code", "task=math").contains("cluster=2", "complexity=0")
        .endsWith("complexity=2");
    Signals s = new Signals(10, -1, "The man reads a good book about information.", "math", 0.9, new float[] {1, 0});
    Context c = f.context(s);
    double[] expected = new double[15];
    expected[0] = 1;
    expected[1 + 1] = 1; // task=math
    expected[1 + 8] = 1; // the first embedding seeds cluster 0
    expected[1 + 8 + 3 + 1] = 1; // difficulty 28.2: bin 1
    assertThat(c.x()).containsExactly(expected, within(0.0));
    assertThat(c.task()).isEqualTo("math");
    assertThat(f.needsEmbedding()).isTrue();
  }

  @Test
  void withoutAnEmbedding_theClusterBlockStaysEmpty() {
    ContextFeatures f = new ContextFeatures(GREENSERV, new HeuristicTasks(), 3, new double[] {20, 30});
    double[] x = f.context(new Signals(10, -1, "hi", "general", 1, null)).x();
    assertThat(x[1 + 8] + x[1 + 8 + 1] + x[1 + 8 + 2]).isZero();
    assertThat(x[1 + 7]).isEqualTo(1); // task=general
  }

  @Test
  void theTaskClassifier_learnsLabelsFromEmbeddings_andRoundTrips() {
    Random rnd = new Random(5);
    List<float[]> embeddings = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int k = i % 3;
      float[] e = new float[6];
      e[k] = 1;
      for (int d = 0; d < 6; d++) {
        e[d] += (float) (0.2 * rnd.nextGaussian());
      }
      embeddings.add(e);
      labels.add(List.of("mmlu", "gsm8k", "mbpp").get(k));
    }
    TaskClassifier tc = TaskClassifier.fit(embeddings, labels);
    assertThat(tc.labels()).containsExactly("mmlu", "gsm8k", "mbpp");
    double[] p = tc.probabilities(new Signals(1, -1, "", "general", 1, new float[] {0, 1, 0, 0, 0, 0}));
    assertThat(p[1]).isGreaterThan(0.8);
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1, within(1e-9));
    assertThat(tc.probabilities(new Signals(1, -1, "", "general", 1, null))).containsOnly(0.0);
    TaskModel back = TaskClassifier.fromJson(tc.toJson());
    assertThat(back.probabilities(new Signals(1, -1, "", "general", 1, new float[] {0, 0, 1, 0, 0, 0})))
        .containsExactly(tc.probabilities(new Signals(1, -1, "", "general", 1, new float[] {0, 0, 1, 0, 0, 0})),
            within(1e-6));
    ContextFeatures f = new ContextFeatures(List.of(ContextFeatures.Block.TASK), new HeuristicTasks(), 3, new double[] {20, 30})
        .withTasks(tc);
    assertThat(f.dimension()).isEqualTo(4);
    assertThat(f.context(new Signals(1, -1, "", "general", 1, new float[] {1, 0, 0, 0, 0, 0})).task()).isEqualTo("mmlu");
  }

  @Test
  void aSnapshotWithOtherBlocks_isRefused() {
    ContextFeatures task = new ContextFeatures(List.of(ContextFeatures.Block.TASK), new HeuristicTasks(), 3, new double[] {20, 30});
    ContextFeatures all = new ContextFeatures(GREENSERV, new HeuristicTasks(), 3, new double[] {20, 30});
    assertThatThrownBy(() -> task.restored(all.toJson())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differ");
    assertThat(all.restored(all.toJson()).dimension()).isEqualTo(15);
    assertThatThrownBy(() -> ContextFeatures.Block.parse("colour")).hasMessageContaining("known: task, cluster, complexity");
  }
}
