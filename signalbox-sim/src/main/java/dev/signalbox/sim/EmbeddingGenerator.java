package dev.signalbox.sim;

import dev.signalbox.core.hash.StableHash;

/** Derives a deterministic unit-length vector from a hash of an input text. */
final class EmbeddingGenerator {
  private final long seed;

  EmbeddingGenerator(long seed) {
    this.seed = seed;
  }

  /**
   * The vector of an input: Gaussian components from the input's hash, its first {@code dimensions}
   * kept and then normalised, so a shortened vector is a prefix of the full one up to scale (as
   * OpenAI's {@code dimensions} parameter behaves).
   */
  float[] embed(String input, int dimensions) {
    SeededRandom random = new SeededRandom(StableHash.of(seed, input));
    double[] v = new double[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      v[i] = random.nextGaussian();
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    float[] out = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
