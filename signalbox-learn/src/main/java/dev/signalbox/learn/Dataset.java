package dev.signalbox.learn;

import java.util.List;

/**
 * Prompts with what each model did on them, in columns for fast training: per row the prompt's
 * features and task, and per row and model the quality, cost and output tokens ({@code NaN} when
 * the data lacks them). Row subsets are index arrays, so folds share the data.
 *
 * @param models the model names, in column order
 * @param features per row: the prompt embedding and token count
 * @param tasks per row: the task label (for reports and the task-aware baseline; never a feature)
 * @param quality per row and model, in [0, 1]
 * @param cost per row and model, USD per call (0 when unknown)
 * @param outputTokens per row and model, or NaN
 */
public record Dataset(
    List<String> models, Features[] features, String[] tasks, double[][] quality, double[][] cost,
    double[][] outputTokens) {

  public Dataset {
    models = List.copyOf(models);
  }

  public int size() {
    return features.length;
  }

  public int modelCount() {
    return models.size();
  }

  /** Row indices 0..n-1. */
  public int[] allRows() {
    int[] rows = new int[size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** The mean of a per-model column over some rows, ignoring NaN. */
  public double[] meanOver(double[][] column, int[] rows) {
    double[] sum = new double[modelCount()];
    int[] count = new int[modelCount()];
    for (int r : rows) {
      for (int m = 0; m < sum.length; m++) {
        double v = column[r][m];
        if (!Double.isNaN(v)) {
          sum[m] += v;
          count[m]++;
        }
      }
    }
    for (int m = 0; m < sum.length; m++) {
      sum[m] = count[m] == 0 ? Double.NaN : sum[m] / count[m];
    }
    return sum;
  }

  /** Whether a per-model column has a value for every model on every one of these rows (and there are rows). */
  public boolean known(double[][] column, int[] rows) {
    for (int r : rows) {
      for (double v : column[r]) {
        if (Double.isNaN(v)) {
          return false;
        }
      }
    }
    return rows.length > 0;
  }

  /** Whether any row has a positive cost. */
  public boolean hasCosts() {
    for (double[] row : cost) {
      for (double c : row) {
        if (c > 0) {
          return true;
        }
      }
    }
    return false;
  }
}
