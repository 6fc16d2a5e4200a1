package dev.signalbox.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** K-fold splits of row indices, shuffled with a seed. */
public final class Folds {
  private Folds() {}

  /** One fold: the rows to fit on and the rows held out. */
  public record Fold(int[] train, int[] test) {}

  /** The rows in a random order fixed by the seed (Fisher–Yates). */
  public static int[] shuffled(int[] rows, long seed) {
    int[] out = rows.clone();
    Random rnd = new Random(seed);
    for (int i = out.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  public static List<Fold> split(int[] rows, int k, long seed) {
    if (k < 2 || k > rows.length) {
      throw new IllegalArgumentException("folds must be 2.." + rows.length + ", got " + k);
    }
    int[] shuffled = shuffled(rows, seed);
    List<Fold> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      int from = (int) ((long) shuffled.length * f / k);
      int to = (int) ((long) shuffled.length * (f + 1) / k);
      int[] test = java.util.Arrays.copyOfRange(shuffled, from, to);
      int[] train = new int[shuffled.length - test.length];
      System.arraycopy(shuffled, 0, train, 0, from);
      System.arraycopy(shuffled, to, train, from, shuffled.length - to);
      java.util.Arrays.sort(test);
      java.util.Arrays.sort(train);
      folds.add(new Fold(train, test));
    }
    return folds;
  }
}
