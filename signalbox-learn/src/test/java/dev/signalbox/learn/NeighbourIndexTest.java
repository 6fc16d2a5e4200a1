package dev.signalbox.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.learn.quality.KnnQuality;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeighbourIndexTest {

  @Test
  void top_ranksBySimilarity_tiesToTheLowerIndex() {
    float[] sims = {0.1f, 0.9f, 0.5f, 0.9f, -0.2f, 0.5f};
    assertThat(Similarity.top(sims, sims.length, 4)).containsExactly(1, 3, 2, 5);
    assertThat(Similarity.top(sims, sims.length, 10)).containsExactly(1, 3, 2, 5, 0, 4);
  }

  @Test
  void scores_areTheDotProducts() {
    float[][] stored = {{1, 0}, {0.6f, 0.8f}, {0, 1}};
    float[][] out = new float[2][3];
    Similarity.scores(new float[][] {{1, 0}, {0, 1}}, Similarity.columns(stored), 3, out);
    assertThat(out[0]).containsExactly(1f, 0.6f, 0f);
    assertThat(out[1]).containsExactly(0f, 0.8f, 1f);
  }

  @Test
  void aFoldsNeighboursFromTheSharedIndex_areWhatASearchAmongItsRowsFinds() {
    Random rnd = new Random(3);
    int n = 300;
    Features[] f = new Features[n];
    double[][] q = new double[n][];
    for (int i = 0; i < n; i++) {
      float[] e = new float[8];
      for (int k = 0; k < e.length; k++) {
        e[k] = (float) rnd.nextGaussian();
      }
      f[i] = new Features(TrainedRouterTest.normalise(e), 10);
      q[i] = new double[] {rnd.nextInt(2)};
    }
    Dataset d = new Dataset(List.of("m"), f, new String[n], q, new double[n][1], new double[n][1]);
    NeighbourIndex index = NeighbourIndex.build(d, d.allRows(), 120);
    int[] train = java.util.stream.IntStream.range(0, n).filter(i -> i % 3 != 0).toArray();
    int[] position = NeighbourIndex.positions(n, train);
    KnnQuality direct = KnnQuality.fitColumn(d, q, train, 20, 0, 0);
    for (int r = 0; r < n; r += 3) {
      assertThat(index.nearest(r, position, 20)).as("row %d", r).containsExactly(direct.nearest(f[r], 20));
    }
    // a list of 120 cannot hold 150 training rows: the caller must search directly
    assertThat(index.nearest(0, position, 150)).isNull();
    // prompts estimated together get what each gets alone
    Features[] some = java.util.Arrays.copyOf(f, 40);
    double[][] together = direct.predictAll(some);
    for (int i = 0; i < some.length; i++) {
      assertThat(together[i]).containsExactly(direct.predict(some[i]));
    }
  }
}
