package dev.signalbox.core.hash;

import java.nio.charset.StandardCharsets;

/** Hashes that do not change between runs or JVMs, so that seeded behaviour is reproducible. */
public final class StableHash {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private StableHash() {}

  /** 64-bit FNV-1a over the UTF-8 bytes of a text. */
  public static long of(String text) {
    long h = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  /** One more step of 64-bit FNV-1a: {@code h} extended by a 32-bit value (a char or a token id). */
  public static long step(long h, int value) {
    return (h ^ value) * FNV_PRIME;
  }

  /** The FNV-1a starting value. */
  public static long start() {
    return FNV_OFFSET;
  }

  /** Combines a seed with a text. */
  public static long of(long seed, String text) {
    return mix(seed ^ mix(of(text)));
  }

  /** Combines a seed with a text and a number. */
  public static long of(long seed, String text, long n) {
    return mix(of(seed, text) + 0x9e3779b97f4a7c15L * (n + 1));
  }

  /** SplitMix64's finaliser: spreads every input bit over the whole output. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
