package dev.signalbox.learn;

/**
 * Dot products of queries against many stored vectors, and the top of the resulting ranking. The
 * stored vectors are kept column by column ({@link #columns}), so the inner loop is
 * {@code sims[j] += q[k] · column_k[j]}, which the JIT turns into SIMD multiply-adds, over a block
 * of stored vectors small enough to stay in cache while every query of a block reads it. Each
 * similarity is summed over the dimensions in order, so a query gets bit-identical similarities
 * whether it is scored alone or in a block, and rankings agree everywhere.
 */
public final class Similarity {
  /** Stored vectors scored per pass: 512 floats per dimension stay in L2 for a block of queries. */
  private static final int COLUMN_BLOCK = 512;

  private Similarity() {}

  /**
   * The vectors column by column: {@code out[k][j]} is element k of vector j. One array per
   * dimension, so the inner loop indexes both of its arrays alike, which C2 needs to vectorise it.
   */
  public static float[][] columns(float[][] vectors) {
    int n = vectors.length;
    int dims = n == 0 ? 0 : vectors[0].length;
    float[][] out = new float[dims][n];
    for (int j = 0; j < n; j++) {
      float[] v = vectors[j];
      for (int k = 0; k < dims; k++) {
        out[k][j] = v[k];
      }
    }
    return out;
  }

  /**
   * Similarities of each query with all {@code n} stored vectors: {@code out[q][j]}.
   *
   * @param columns the stored vectors as {@link #columns} lays them out
   * @param out one array of at least n per query, overwritten
   */
  public static void scores(float[][] queries, float[][] columns, int n, float[][] out) {
    for (float[] o : out) {
      java.util.Arrays.fill(o, 0, n, 0f);
    }
    int dims = queries.length == 0 ? 0 : queries[0].length;
    for (int from = 0; from < n; from += COLUMN_BLOCK) {
      int to = Math.min(n, from + COLUMN_BLOCK);
      for (int k = 0; k < dims; k++) {
        float[] column = columns[k];
        for (int q = 0; q < queries.length; q++) {
          float a = queries[q][k];
          float[] o = out[q];
          for (int j = from; j < to; j++) {
            o[j] += a * column[j];
          }
        }
      }
    }
  }

  /**
   * The indices of the {@code count} highest similarities, highest first; ties go to the lower
   * index. Selects before it sorts, so a short top of a long list costs little more than a pass.
   */
  public static int[] top(float[] sims, int n, int count) {
    int kk = Math.min(count, n);
    // similarity and index packed in one long, so a primitive order ranks them (ties: lower index)
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToIntBits(-sims[i] + 0f);
      int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
      keys[i] = ((long) ordered << 32) | i;
    }
    if (kk < n) {
      select(keys, kk);
    }
    java.util.Arrays.sort(keys, 0, kk);
    int[] best = new int[kk];
    for (int j = 0; j < kk; j++) {
      best[j] = (int) keys[j];
    }
    return best;
  }

  /** Moves the {@code k} smallest keys to the front, in any order (quickselect, median of three). */
  static void select(long[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      long pivot = median(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // now a[lo..j] <= pivot <= a[i..hi]
      if (k - 1 <= j) {
        hi = j;
      } else if (k - 1 >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
