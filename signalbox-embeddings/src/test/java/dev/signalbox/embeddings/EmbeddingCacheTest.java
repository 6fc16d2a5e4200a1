package dev.signalbox.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.signal.Embedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

  /** Counts what it is asked to embed; the vector is the text's length and first letter. */
  static final class CountingEmbedder implements Embedder {
    final List<String> seen = new ArrayList<>();

    @Override
    public String id() {
      return "counting/v1";
    }

    @Override
    public int dimensions() {
      return 2;
    }

    @Override
    public synchronized float[] embed(String text) {
      seen.add(text);
      return new float[] {text.length(), text.isEmpty() ? 0 : text.charAt(0)};
    }
  }

  @Test
  void secondRun_readsTheFileAndEmbedsNothing(@TempDir Path dir) throws Exception {
    CountingEmbedder first = new CountingEmbedder();
    List<float[]> a = new CachedEmbedder(first, EmbeddingCache.open(dir, "data/set", first.id(), 2))
        .embedAll(List.of("alpha", "be", "alpha"));
    assertThat(first.seen).containsExactly("alpha", "be");
    assertThat(a.get(2)).containsExactly(5f, 'a');

    CountingEmbedder second = new CountingEmbedder();
    EmbeddingCache reopened = EmbeddingCache.open(dir, "data/set", second.id(), 2);
    assertThat(reopened.size()).isEqualTo(2);
    List<float[]> b = new CachedEmbedder(second, reopened).embedAll(List.of("be", "gamma"));
    assertThat(second.seen).containsExactly("gamma");
    assertThat(b.get(0)).containsExactly(2f, 'b');
    assertThat(reopened.file().getFileName().toString()).isEqualTo("data_set--counting_v1.emb");
  }

  @Test
  void tornLastEntry_isIgnored(@TempDir Path dir) throws Exception {
    CountingEmbedder e = new CountingEmbedder();
    EmbeddingCache cache = EmbeddingCache.open(dir, "d", e.id(), 2);
    new CachedEmbedder(e, cache).embedAll(List.of("one", "two"));
    byte[] bytes = Files.readAllBytes(cache.file());
    Files.write(cache.file(), java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThat(EmbeddingCache.open(dir, "d", e.id(), 2).size()).isEqualTo(1);
  }

  @Test
  void promptTail_keepsTheEndAtAWordBoundary() {
    String text = "x".repeat(2000) + " the question is here";
    assertThat(PromptTail.of(text)).endsWith("the question is here").hasSizeLessThanOrEqualTo(PromptTail.MAX_CHARS);
    assertThat(PromptTail.of("short")).isEqualTo("short");
    String words = "word ".repeat(400);
    assertThat(PromptTail.of(words)).startsWith("word");
  }

  @Test
  void promptTail_skipsFewShotExamplesBeforeTheLastBlock() {
    String examples = "Q: an example question that every prompt repeats?\nA: yes\n\n".repeat(5);
    String question = "Which gas do green plants take in from the air to make their food? A) oxygen B) carbon dioxide C) nitrogen";
    assertThat(PromptTail.of(examples + question)).isEqualTo(question);
    // a short last block takes in the block before it
    assertThat(PromptTail.of("def f(x):\n    return x / 0\n\nWhy does it fail?"))
        .isEqualTo("def f(x):\n    return x / 0\n\nWhy does it fail?");
  }
}
