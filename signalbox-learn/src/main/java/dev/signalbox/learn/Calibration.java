package dev.signalbox.learn;

import java.util.List;

/**
 * What each knob setting did on held-out training prompts (out-of-fold): mean cost and quality
 * per λ. It turns a target cost or quality into a λ without looking at test data.
 *
 * @param lambdas the swept knob values
 * @param cost mean cost per prompt at each
 * @param quality mean quality at each
 */
public record Calibration(List<Double> lambdas, double[] cost, double[] quality) {

  /**
   * What routing by predictions does over the {@link Knob#sweep}: per λ, the mean actual cost and
   * quality (a missing score counts as 0) of the models picked for the rows.
   *
   * @param predictedQuality per row and model, what the router believes
   * @param predictedCost per row and model, what the router believes
   * @param cost per row and model, what the call cost
   * @param quality per row and model, what the answer scored
   * @param costScale λ's unit ({@link Knob})
   */
  public static Calibration sweep(double[][] predictedQuality, double[][] predictedCost, double[][] cost,
      double[][] quality, int[] rows, double costScale) {
    List<Double> lambdas = Knob.sweep();
    double[] c = new double[lambdas.size()];
    double[] q = new double[lambdas.size()];
    for (int i = 0; i < lambdas.size(); i++) {
      for (int r : rows) {
        int m = Knob.choose(predictedQuality[r], predictedCost[r], costScale, lambdas.get(i));
        c[i] += cost[r][m] / rows.length;
        q[i] += (Double.isNaN(quality[r][m]) ? 0 : quality[r][m]) / rows.length;
      }
    }
    return new Calibration(lambdas, c, q);
  }

  /** The λ with the best quality whose cost stays within the target (else the cheapest). */
  public double lambdaForCost(double target) {
    int best = -1;
    int cheapest = 0;
    for (int i = 0; i < cost.length; i++) {
      if (cost[i] < cost[cheapest]) {
        cheapest = i;
      }
      if (cost[i] <= target && (best < 0 || quality[i] > quality[best])) {
        best = i;
      }
    }
    return lambdas.get(best < 0 ? cheapest : best);
  }

  /** The cheapest λ whose quality reaches the target (else the one with the best quality). */
  public double lambdaForQuality(double target) {
    int best = -1;
    int top = 0;
    for (int i = 0; i < quality.length; i++) {
      if (quality[i] > quality[top]) {
        top = i;
      }
      if (quality[i] >= target && (best < 0 || cost[i] < cost[best])) {
        best = i;
      }
    }
    return lambdas.get(best < 0 ? top : best);
  }
}
