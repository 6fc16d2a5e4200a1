package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Features;
import java.util.ArrayList;
import java.util.List;

/**
 * Stacking: several quality models blended with a learned weight per model and member, the
 * weights of a model being a convex combination (non-negative, summing to one) fitted to the
 * members' out-of-fold predictions on the training rows by least squares. With a task prior and a
 * prompt-level estimate as members this is shrinkage of the prompt-level estimate towards the
 * prior, with the shrinkage weight learned per model.
 */
public final class StackedQuality implements QualityModel {
  private final List<QualityModel> members;
  private final double[][] weights; // [model][member]

  StackedQuality(List<QualityModel> members, double[][] weights) {
    this.members = List.copyOf(members);
    this.weights = weights;
  }

  /** Fitted members blended with weights ([model][member]). */
  public static StackedQuality of(List<QualityModel> members, double[][] weights) {
    return new StackedQuality(members, weights);
  }

  /** Fits every member on the rows and blends them with the given weights ([model][member]). */
  public static QualityLearner learner(List<QualityLearner> members, double[][] weights) {
    return QualityModels.composite("stack", members, fitted -> new StackedQuality(fitted, weights));
  }

  /**
   * Per model, the convex weights of the members that minimise the squared error of the blend.
   *
   * @param predictions [member][row][model], null rows skipped
   * @param quality [row][model] observed quality (NaN skipped)
   * @param rows the rows to fit on
   */
  public static double[][] fitWeights(double[][][] predictions, double[][] quality, int[] rows) {
    int k = predictions.length;
    int models = quality[rows[0]].length;
    double[][] weights = new double[models][];
    for (int m = 0; m < models; m++) {
      double[][] gram = new double[k][k];
      double[] cross = new double[k];
      int n = 0;
      for (int r : rows) {
        double y = quality[r][m];
        if (Double.isNaN(y)) {
          continue;
        }
        n++;
        for (int a = 0; a < k; a++) {
          double pa = predictions[a][r][m];
          cross[a] += pa * y;
          for (int b = 0; b < k; b++) {
            gram[a][b] += pa * predictions[b][r][m];
          }
        }
      }
      weights[m] = n == 0 ? uniform(k) : simplexLeastSquares(gram, cross);
    }
    return weights;
  }

  /**
   * Shrinkage of the first member (a prior) towards the mean of the others: weight 1 − w on the
   * first and w shared equally by the rest, for every model.
   */
  public static double[][] shrinkWeights(int models, int members, double w) {
    double[][] out = new double[models][members];
    for (double[] row : out) {
      row[0] = members == 1 ? 1 : 1 - w;
      for (int k = 1; k < members; k++) {
        row[k] = w / (members - 1);
      }
    }
    return out;
  }

  /** argmin wᵀGw − 2cᵀw over the simplex, by projected gradient descent. */
  static double[] simplexLeastSquares(double[][] gram, double[] cross) {
    int k = cross.length;
    double[] w = uniform(k);
    double trace = 0;
    for (int a = 0; a < k; a++) {
      trace += gram[a][a];
    }
    if (trace <= 0) {
      return w;
    }
    double step = 1 / (2 * trace); // trace bounds the largest eigenvalue of the Gram matrix
    double[] g = new double[k];
    for (int it = 0; it < 5000; it++) {
      for (int a = 0; a < k; a++) {
        double s = -cross[a];
        for (int b = 0; b < k; b++) {
          s += gram[a][b] * w[b];
        }
        g[a] = 2 * s;
      }
      double[] next = new double[k];
      for (int a = 0; a < k; a++) {
        next[a] = w[a] - step * g[a];
      }
      next = projectToSimplex(next);
      double change = 0;
      for (int a = 0; a < k; a++) {
        change = Math.max(change, Math.abs(next[a] - w[a]));
      }
      w = next;
      if (change < 1e-10) {
        break;
      }
    }
    return w;
  }

  /** The nearest point of the probability simplex (Euclidean projection, sort-based). */
  static double[] projectToSimplex(double[] v) {
    double[] u = v.clone();
    java.util.Arrays.sort(u);
    double cumulative = 0;
    double theta = 0;
    for (int i = u.length - 1; i >= 0; i--) {
      cumulative += u[i];
      double t = (cumulative - 1) / (u.length - i);
      if (i == 0 || u[i - 1] <= t) {
        theta = t;
        break;
      }
    }
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.max(0, v[i] - theta);
    }
    return out;
  }

  private static double[] uniform(int k) {
    double[] w = new double[k];
    java.util.Arrays.fill(w, 1.0 / k);
    return w;
  }

  /** The blend for one row of member predictions ([member][model]). */
  public static double[] blend(double[][] memberPredictions, double[][] weights) {
    double[] out = new double[weights.length];
    for (int m = 0; m < out.length; m++) {
      for (int k = 0; k < memberPredictions.length; k++) {
        out[m] += weights[m][k] * memberPredictions[k][m];
      }
    }
    return out;
  }

  @Override
  public double[] predict(Features x) {
    double[][] p = new double[members.size()][];
    for (int k = 0; k < p.length; k++) {
      p[k] = members.get(k).predict(x);
    }
    return blend(p, weights);
  }

  @Override
  public double[][] predictAll(Features[] xs) {
    double[][][] byMember = new double[members.size()][][];
    for (int k = 0; k < byMember.length; k++) {
      byMember[k] = members.get(k).predictAll(xs);
    }
    double[][] out = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      double[][] row = new double[byMember.length][];
      for (int k = 0; k < row.length; k++) {
        row[k] = byMember[k][i];
      }
      out[i] = blend(row, weights);
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "stack");
    ArrayNode arr = n.putArray("members");
    members.forEach(m -> arr.add(m.toJson()));
    n.set("weights", Json.MAPPER.valueToTree(weights));
    return n;
  }

  static StackedQuality fromJson(JsonNode n) {
    List<QualityModel> members = new ArrayList<>();
    n.get("members").forEach(m -> members.add(QualityModels.fromJson(m)));
    return new StackedQuality(members, Json.MAPPER.convertValue(n.get("weights"), double[][].class));
  }
}
