package dev.signalbox.eval;

import dev.signalbox.core.signal.Embedder;

/** Embeds a text as a unit vector picked by its hash: cheap, deterministic, meaningless. */
final class FakeEmbedder implements Embedder {
  @Override
  public String id() {
    return "fake/v1";
  }

  @Override
  public int dimensions() {
    return 4;
  }

  @Override
  public float[] embed(String text) {
    float[] v = new float[4];
    v[Math.floorMod(text.hashCode(), 4)] = 1;
    return v;
  }
}
