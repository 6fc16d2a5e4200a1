package dev.signalbox.learn.bandit;

/** Small symmetric positive-definite matrices, row-major in a flat array. */
final class Spd {
  private Spd() {}

  /** The identity times {@code s}. */
  static double[] scaledIdentity(int d, double s) {
    double[] m = new double[d * d];
    for (int i = 0; i < d; i++) {
      m[i * d + i] = s;
    }
    return m;
  }

  /** The inverse by Cholesky factorisation {@code A = L Lᵀ}; fails when A is not positive definite. */
  static double[] inverse(double[] a, int d) {
    double[] l = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * d + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * d + k] * l[j * d + k];
        }
        if (i == j) {
          if (s <= 0) {
            throw new ArithmeticException("matrix is not positive definite");
          }
          l[i * d + i] = Math.sqrt(s);
        } else {
          l[i * d + j] = s / l[j * d + j];
        }
      }
    }
    // invert L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹
    double[] li = new double[d * d];
    for (int i = 0; i < d; i++) {
      li[i * d + i] = 1 / l[i * d + i];
      for (int j = 0; j < i; j++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= l[i * d + k] * li[k * d + j];
        }
        li[i * d + j] = s / l[i * d + i];
      }
    }
    double[] inv = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = i; k < d; k++) {
          s += li[k * d + i] * li[k * d + j];
        }
        inv[i * d + j] = s;
        inv[j * d + i] = s;
      }
    }
    return inv;
  }

  /** {@code M v}. */
  static double[] times(double[] m, double[] v, int d) {
    double[] out = new double[d];
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += m[i * d + j] * v[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** {@code vᵀ M v}. */
  static double quadratic(double[] m, double[] v, int d) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      double vi = v[i];
      if (vi == 0) {
        continue; // contexts are mostly one-hot: skip the zero rows
      }
      double row = 0;
      for (int j = 0; j < d; j++) {
        row += m[i * d + j] * v[j];
      }
      s += vi * row;
    }
    return s;
  }
}
