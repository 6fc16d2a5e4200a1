package dev.signalbox.sim.bench;

import dev.signalbox.core.hash.StableHash;
import dev.signalbox.core.request.PrefixBlocks;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A prompt under construction, as token ids: segments of pseudo-random tokens, each named by a
 * seed, so that two prompts share tokens exactly where they share segments.
 */
final class TokenStream {
  private static final int VOCABULARY = 128_000;
  private int[] tokens = new int[1024];
  private int length;

  TokenStream() {}

  /** A copy of another prompt, to extend (the next turn of a conversation). */
  TokenStream(TokenStream from) {
    tokens = Arrays.copyOf(from.tokens, Math.max(1024, from.length * 2));
    length = from.length;
  }

  /** Appends {@code count} tokens of the segment named {@code segment}. */
  TokenStream append(long segment, int count) {
    if (length + count > tokens.length) {
      tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, length + count));
    }
    long base = StableHash.mix(segment);
    for (int i = 0; i < count; i++) {
      tokens[length++] = (int) Long.remainderUnsigned(StableHash.mix(base + i), VOCABULARY);
    }
    return this;
  }

  int length() {
    return length;
  }

  PrefixBlocks blocks() {
    return PrefixBlocks.ofTokens(tokens, length);
  }

  /** A uniform integer in {@code [min, max]}. */
  static int uniform(SplittableRandom random, int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  /** An exponential draw with the given mean. */
  static double exponential(SplittableRandom random, double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }
}
