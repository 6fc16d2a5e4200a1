package dev.signalbox.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Embedders;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
  static final Embedder EMBEDDER = Embedders.byId(Embedders.MINILM);

  @Test
  void isRegisteredByItsId_theOneTheOnlineRoutersName() {
    assertThat(MiniLmEmbedder.ID).isEqualTo(Embedders.MINILM);
    assertThat(EMBEDDER).isInstanceOf(MiniLmEmbedder.class).isSameAs(Embedders.byId(MiniLmEmbedder.ID));
  }

  @Test
  void embed_isNormalisedAndSeparatesTopics() {
    float[] cat = EMBEDDER.embed("My cat sleeps on the sofa all day.");
    float[] kitten = EMBEDDER.embed("The kitten is napping on the couch.");
    float[] sql = EMBEDDER.embed("Write a SQL query that joins two tables on a foreign key.");
    assertThat(cat).hasSize(384);
    assertThat(dot(cat, cat)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(dot(cat, kitten)).isGreaterThan(dot(cat, sql) + 0.2);
  }

  @Test
  void embedAll_matchesOneByOne() {
    List<float[]> batch = EMBEDDER.embedAll(List.of("first text", "second text"));
    assertThat(batch.get(1)).containsExactly(EMBEDDER.embed("second text"), org.assertj.core.data.Offset.offset(1e-5f));
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
