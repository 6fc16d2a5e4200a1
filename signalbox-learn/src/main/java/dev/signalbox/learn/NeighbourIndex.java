package dev.signalbox.learn;

import java.util.stream.IntStream;

/**
 * For every row of a pool, the other pool rows ranked by similarity, as far down as {@code depth}.
 * It uses no labels, only embeddings, so one index serves every fold of a cross-validation: a row's
 * nearest training rows are the first members of the fold's training rows in its list, exactly
 * what a search among those rows finds (same similarities, same tie order). When a list runs out
 * before enough members, {@link #nearest} says so and the caller searches directly.
 */
public final class NeighbourIndex {
  /** Queries scored together: their similarity rows fit in L2 beside a block of stored vectors. */
  private static final int QUERY_BLOCK = 16;

  private final int[][] lists;

  private NeighbourIndex(int[][] lists) {
    this.lists = lists;
  }

  /**
   * Ranks the pool rows for each pool row (in parallel over blocks of rows).
   *
   * @param data the dataset whose embeddings are ranked
   * @param pool the rows searched and searched for
   * @param depth how many neighbours each list keeps
   */
  public static NeighbourIndex build(Dataset data, int[] pool, int depth) {
    int n = pool.length;
    float[][] vectors = new float[n][];
    for (int i = 0; i < n; i++) {
      vectors[i] = data.features()[pool[i]].embedding();
    }
    float[][] columns = Similarity.columns(vectors);
    int[][] lists = new int[data.size()][];
    int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
    IntStream.range(0, blocks).parallel().forEach(b -> {
      int from = b * QUERY_BLOCK;
      int to = Math.min(n, from + QUERY_BLOCK);
      float[][] queries = java.util.Arrays.copyOfRange(vectors, from, to);
      float[][] sims = new float[to - from][n];
      Similarity.scores(queries, columns, n, sims);
      for (int q = 0; q < sims.length; q++) {
        int[] top = Similarity.top(sims[q], n, Math.min(n, depth));
        for (int j = 0; j < top.length; j++) {
          top[j] = pool[top[j]];
        }
        lists[pool[from + q]] = top;
      }
    });
    return new NeighbourIndex(lists);
  }

  /** Whether the row was in the pool. */
  public boolean covers(int row) {
    return lists[row] != null;
  }

  /**
   * The first {@code n} rows of the row's list for which {@code position} is not negative, given
   * as those positions (a fold's index of its training rows); null when the list runs out first.
   */
  public int[] nearest(int row, int[] position, int n) {
    int[] list = lists[row];
    int[] out = new int[n];
    int found = 0;
    for (int i = 0; i < list.length && found < n; i++) {
      int p = position[list[i]];
      if (p >= 0) {
        out[found++] = p;
      }
    }
    return found == n ? out : null;
  }

  /** Each row's position in {@code rows}, or -1: what {@link #nearest} filters by. */
  public static int[] positions(int size, int[] rows) {
    int[] position = new int[size];
    java.util.Arrays.fill(position, -1);
    for (int i = 0; i < rows.length; i++) {
      position[rows[i]] = i;
    }
    return position;
  }
}
