package dev.signalbox.embeddings;

import dev.signalbox.report.console.ProgressBar;
import dev.signalbox.core.signal.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An embedder that looks texts up in an {@link EmbeddingCache} first and embeds only the misses,
 * in batches, showing progress; a second run over the same dataset computes nothing.
 */
public final class CachedEmbedder implements Embedder {
  private static final int BATCH = 64;

  private final Embedder inner;
  private final EmbeddingCache cache;

  public CachedEmbedder(Embedder inner, EmbeddingCache cache) {
    this.inner = inner;
    this.cache = cache;
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public int dimensions() {
    return inner.dimensions();
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts.stream().filter(t -> cache.get(t) == null).toList()));
    if (!missing.isEmpty()) {
      try (ProgressBar bar = ProgressBar.start("embedding " + missing.size() + " texts", missing.size())) {
        for (int from = 0; from < missing.size(); from += BATCH) {
          List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
          cache.putAll(batch, inner.embedAll(batch));
          bar.advance(batch.size());
        }
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(cache.get(t));
    }
    return out;
  }
}
