package dev.signalbox.learn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.learn.Vectors;
import org.junit.jupiter.api.Test;

/** GreenServ's online k-means: first distinct embeddings seed it, cosine assignment, running means. */
class OnlineKMeansTest {

  @Test
  void theFirstDistinctEmbeddings_becomeCentroids_thenRunningMeansMoveThem() {
    OnlineKMeans km = new OnlineKMeans(2);
    assertThat(km.assign(new float[] {1, 0})).isZero(); // first centroid; until k exist every prompt is 0
    assertThat(km.assign(new float[] {1, 0})).isZero(); // a duplicate seeds nothing
    assertThat(km.assign(new float[] {0, 1})).isEqualTo(1); // the second (last) centroid
    assertThat(km.assign(new float[] {1, 0.2f})).isZero(); // nearer e1 by cosine
    // μ₀ = e1 + (x − e1)/2 = (1, 0.1), n₀ = 2
    float[] mu0 = Vectors.decode(km.toJson().path("centroids").get(0).asText());
    assertThat(mu0[0]).isCloseTo(1f, within(1e-6f));
    assertThat(mu0[1]).isCloseTo(0.1f, within(1e-6f));
    assertThat(km.toJson().path("counts").get(0).asInt()).isEqualTo(2);
    assertThat(km.assign(new float[] {0.1f, 1})).isEqualTo(1);
  }

  @Test
  void theSameOrder_givesTheSameClusters_andAStateRoundTrips() {
    float[][] stream = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.9f, 0.1f, 0}, {0, 0.2f, 0.8f}, {0.5f, 0.5f, 0}};
    OnlineKMeans one = new OnlineKMeans(3);
    OnlineKMeans two = new OnlineKMeans(3);
    for (float[] e : stream) {
      assertThat(one.assign(e)).isEqualTo(two.assign(e));
    }
    OnlineKMeans restored = new OnlineKMeans(3);
    restored.restore(one.toJson());
    assertThat(restored.toJson()).isEqualTo(one.toJson());
    assertThat(restored.assign(new float[] {0, 0.1f, 1})).isEqualTo(one.assign(new float[] {0, 0.1f, 1}));
  }
}
