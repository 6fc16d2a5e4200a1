package dev.signalbox.eval;

import dev.signalbox.core.signal.Embedder;
import java.util.function.ToIntFunction;

/** Embeds a text as a unit vector of 4 dimensions picked by its hash (or by a rule): cheap, deterministic. */
public final class FakeEmbedder implements Embedder {
  private final ToIntFunction<String> axis;

  /** The axis from the text's hash: meaningless. */
  public FakeEmbedder() {
    this(text -> Math.floorMod(text.hashCode(), 4));
  }

  /** The axis a rule picks, e.g. one per kind of prompt. */
  public FakeEmbedder(ToIntFunction<String> axis) {
    this.axis = axis;
  }

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
    v[axis.applyAsInt(text)] = 1;
    return v;
  }
}
