package dev.signalbox.learn.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;

/**
 * One model's ridge regression of reward on the context, immutable: precision {@code A = reg·I +
 * Σ x xᵀ}, its inverse, {@code b = Σ r x} and {@code θ = A⁻¹ b}. An observation updates the
 * inverse by Sherman–Morrison in O(d²); forgetting ({@link #decayed}) is D-LinUCB's discount
 * {@code A ← γA + (1 − γ)·reg·I, b ← γb} (Russac, Vernade, Cappé, NeurIPS 2019), generalised to
 * decay towards the arm's prior, which needs a fresh inverse.
 */
final class RidgeArm {
  final int d;
  final double[] a;
  final double[] aInv;
  final double[] b;
  final double[] theta;
  /** Observations seen, discounted like the data. */
  final double weight;

  private RidgeArm(int d, double[] a, double[] aInv, double[] b, double weight) {
    this.d = d;
    this.a = a;
    this.aInv = aInv;
    this.b = b;
    this.theta = Spd.times(aInv, b, d);
    this.weight = weight;
  }

  /** No data: θ = 0 (GreenServ's new arm). */
  static RidgeArm fresh(int d, double reg) {
    return new RidgeArm(d, Spd.scaledIdentity(d, reg), Spd.scaledIdentity(d, 1 / reg), new double[d], 0);
  }

  /** No data but a prior mean: θ = θ₀ with the weight of {@code reg} (an optimistic start for a new model). */
  static RidgeArm withPrior(double[] theta0, double reg) {
    int d = theta0.length;
    double[] b = new double[d];
    for (int i = 0; i < d; i++) {
      b[i] = reg * theta0[i];
    }
    return new RidgeArm(d, Spd.scaledIdentity(d, reg), Spd.scaledIdentity(d, 1 / reg), b, 0);
  }

  /** The predicted reward θᵀx. */
  double mean(double[] x) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      s += theta[i] * x[i];
    }
    return s;
  }

  /** The confidence width √(xᵀ A⁻¹ x). */
  double width(double[] x) {
    return Math.sqrt(Math.max(0, Spd.quadratic(aInv, x, d)));
  }

  /** After one observation of reward r in context x (Sherman–Morrison on the inverse). */
  RidgeArm observe(double[] x, double r) {
    double[] ax = Spd.times(aInv, x, d);
    double denom = 1 + dot(x, ax);
    double[] inv = aInv.clone();
    double[] na = a.clone();
    double[] nb = b.clone();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        inv[i * d + j] -= ax[i] * ax[j] / denom;
        na[i * d + j] += x[i] * x[j];
      }
      nb[i] += r * x[i];
    }
    return new RidgeArm(d, na, inv, nb, weight + 1);
  }

  /** After weighted observations at once (a warm start), inverting afresh. */
  RidgeArm observeAll(double[][] xs, double[] rewards, double w) {
    double[] na = a.clone();
    double[] nb = b.clone();
    for (int n = 0; n < xs.length; n++) {
      double[] x = xs[n];
      for (int i = 0; i < d; i++) {
        if (x[i] == 0) {
          continue;
        }
        for (int j = 0; j < d; j++) {
          na[i * d + j] += w * x[i] * x[j];
        }
        nb[i] += w * rewards[n] * x[i];
      }
    }
    return new RidgeArm(d, na, Spd.inverse(na, d), nb, weight + w * xs.length);
  }

  /**
   * Old data counts γ times as much: the arm moves a share 1 − γ back towards {@code blank}, the
   * arm it started as (with a zero start: the regulariser and no data).
   */
  RidgeArm decayed(double gamma, RidgeArm blank) {
    double[] na = new double[d * d];
    double[] nb = new double[d];
    for (int i = 0; i < d * d; i++) {
      na[i] = gamma * a[i] + (1 - gamma) * blank.a[i];
    }
    for (int i = 0; i < d; i++) {
      nb[i] = gamma * b[i] + (1 - gamma) * blank.b[i];
    }
    return new RidgeArm(d, na, Spd.inverse(na, d), nb, gamma * weight);
  }

  ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.set("a", Json.MAPPER.valueToTree(a));
    n.set("b", Json.MAPPER.valueToTree(b));
    n.put("weight", weight);
    return n;
  }

  static RidgeArm fromJson(JsonNode n, int d) {
    double[] a = Json.MAPPER.convertValue(n.get("a"), double[].class);
    double[] b = Json.MAPPER.convertValue(n.get("b"), double[].class);
    if (a.length != d * d || b.length != d) {
      throw new IllegalArgumentException("a saved arm has " + b.length + " features, the context has " + d);
    }
    return new RidgeArm(d, a, Spd.inverse(a, d), b, n.path("weight").asDouble());
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}
