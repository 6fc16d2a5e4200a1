package dev.signalbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Embedders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Embedder} does: a stable id that {@link Embedders#byId} finds it by, vectors
 * of its stated length with finite values, the same vector for the same text (alone, in a batch,
 * or from several threads at once), different vectors for different texts, and for a blank text
 * a vector or an {@link IllegalArgumentException} (the gateway then routes without the
 * embedding, noting why in the trace), never another failure. Extend it with
 * {@link #embedder} to run it against an embedder (it may be shared between tests: loading a model
 * is slow).
 */
public abstract class EmbedderContract {
  private static final List<String> TEXTS = List.of(
      "My cat sleeps on the sofa all day.",
      "Write a SQL query that joins two tables on a foreign key.",
      "Prove that the square root of two is irrational.");

  /** The embedder under test. */
  protected abstract Embedder embedder();

  @Test
  void id_isStable_andFindsTheEmbedderAmongTheRegisteredOnes() {
    Embedder e = embedder();
    assertThat(e.id()).isNotBlank().isEqualTo(e.id());
    assertThat(Embedders.ids()).contains(e.id());
    assertThat(Embedders.byId(e.id()).id()).isEqualTo(e.id());
  }

  @Test
  void embed_givesAVectorOfItsDimensions_withFiniteValues() {
    Embedder e = embedder();
    assertThat(e.dimensions()).isPositive();
    for (String text : TEXTS) {
      float[] v = e.embed(text);
      assertThat(v).as(text).hasSize(e.dimensions());
      for (float x : v) {
        assertThat(Float.isFinite(x)).as(text).isTrue();
      }
    }
  }

  @Test
  void aBlankText_givesAVectorOrIsRefusedAsAnIllegalArgument() {
    Embedder e = embedder();
    for (String blank : List.of("", "   ")) {
      try {
        assertThat(e.embed(blank)).hasSize(e.dimensions());
      } catch (IllegalArgumentException refused) {
        assertThat(refused).hasMessageContaining("blank");
      }
    }
  }

  @Test
  void embed_isDeterministic_andTellsDifferentTextsApart() {
    Embedder e = embedder();
    assertThat(e.embed(TEXTS.get(0))).containsExactly(e.embed(TEXTS.get(0)), within(1e-6f));
    assertThat(e.embed(TEXTS.get(0))).isNotEqualTo(e.embed(TEXTS.get(1)));
  }

  @Test
  void embedAll_givesWhatEmbedGives_inOrder() {
    Embedder e = embedder();
    List<float[]> batch = e.embedAll(TEXTS);
    assertThat(batch).hasSize(TEXTS.size());
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(batch.get(i)).as(TEXTS.get(i)).containsExactly(e.embed(TEXTS.get(i)), within(1e-5f));
    }
  }

  @Test
  void concurrentEmbeds_giveWhatOneThreadGives() throws Exception {
    Embedder e = embedder();
    float[] expected = e.embed(TEXTS.get(2));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(threads.submit(() -> e.embed(TEXTS.get(2))));
      }
      for (Future<float[]> r : results) {
        assertThat(r.get()).containsExactly(expected, within(1e-5f));
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
