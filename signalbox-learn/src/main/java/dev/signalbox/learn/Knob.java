package dev.signalbox.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * The trade-off knob λ of a learned router: it picks {@code argmax_m q̂_m − λ · ĉ_m / s}, where s is
 * the training mean cost of the most expensive model, so λ is free of units: λ = 0 buys the best
 * predicted quality, λ = 1 gives up one point of quality to save the dearest model's mean cost.
 */
public final class Knob {
  private Knob() {}

  /** The λ values swept to trace a frontier: 0, then 10^-3 .. 10^3 in 48 geometric steps. */
  public static List<Double> sweep() {
    List<Double> out = new ArrayList<>();
    out.add(0.0);
    for (int i = 0; i <= 48; i++) {
      out.add(Math.pow(10, -3 + 6.0 * i / 48));
    }
    return out;
  }

  /** The index of the best model for one prompt at this λ; ties go to the cheaper model. */
  public static int choose(double[] quality, double[] cost, double costScale, double lambda) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int m = 0; m < quality.length; m++) {
      double score = quality[m] - (lambda == 0 ? 0 : lambda * cost[m] / costScale);
      if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && cost[m] < cost[best])) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }
}
