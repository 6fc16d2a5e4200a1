package dev.signalbox.learn;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.EmbedderProvider;

/**
 * An embedder for tests that pass their embeddings in the signals: it answers a constant vector,
 * and registers itself by id (this module's test {@code META-INF/services}), as a real one does.
 */
public final class FixedEmbedder implements Embedder {
  public static final String ID = "test/fixed8";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int dimensions() {
    return 8;
  }

  @Override
  public float[] embed(String text) {
    float[] v = new float[8];
    v[0] = 1;
    return v;
  }

  /** Its registration. */
  public static final class Provider implements EmbedderProvider {
    @Override
    public String id() {
      return ID;
    }

    @Override
    public Embedder create() {
      return new FixedEmbedder();
    }
  }
}
