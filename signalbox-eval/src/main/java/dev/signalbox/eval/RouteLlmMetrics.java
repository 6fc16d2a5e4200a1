package dev.signalbox.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * RouteLLM's two-model metrics (Ong et al. 2025, {@code routellm/evals/evaluate.py}) over a
 * router's points as (share of strong calls p, quality Q), with the all-weak (0, Q_w) and
 * all-strong (1, Q_s) ends always on the curve.
 */
public final class RouteLlmMetrics {
  private RouteLlmMetrics() {}

  /** A point: share of calls to the strong model and the quality reached. */
  public record Share(double strong, double quality) {}

  /** PGR = (Q − Q_w) / (Q_s − Q_w). */
  public static double pgr(double quality, double weak, double strong) {
    return (quality - weak) / (strong - weak);
  }

  /** APGR = ∫₀¹ PGR(p) dp by trapezoids, i.e. (AUC − Q_w) / (Q_s − Q_w). */
  public static double apgr(List<Share> points, double weak, double strong) {
    List<Share> curve = curve(points, weak, strong);
    double auc = 0;
    for (int i = 1; i < curve.size(); i++) {
      Share a = curve.get(i - 1);
      Share b = curve.get(i);
      auc += (b.strong() - a.strong()) * (a.quality() + b.quality()) / 2;
    }
    return (auc - weak) / (strong - weak);
  }

  /**
   * CPT(x): the smallest share of strong calls at which the curve, linearly interpolated, reaches
   * PGR = x; NaN if it never does.
   */
  public static double cpt(List<Share> points, double weak, double strong, double x) {
    double target = weak + x * (strong - weak);
    List<Share> curve = curve(points, weak, strong);
    if (curve.get(0).quality() >= target) {
      return curve.get(0).strong();
    }
    for (int i = 1; i < curve.size(); i++) {
      Share a = curve.get(i - 1);
      Share b = curve.get(i);
      if (b.quality() >= target) {
        return b.quality() == a.quality() ? b.strong()
            : a.strong() + (target - a.quality()) / (b.quality() - a.quality()) * (b.strong() - a.strong());
      }
    }
    return Double.NaN;
  }

  /** The points sorted by share, ends added, and one point (the best) per share. */
  private static List<Share> curve(List<Share> points, double weak, double strong) {
    List<Share> all = new ArrayList<>(points);
    all.add(new Share(0, weak));
    all.add(new Share(1, strong));
    all.sort(Comparator.comparingDouble(Share::strong).thenComparing(Share::quality, Comparator.reverseOrder()));
    List<Share> out = new ArrayList<>();
    for (Share s : all) {
      if (out.isEmpty() || out.get(out.size() - 1).strong() != s.strong()) {
        out.add(s);
      }
    }
    return out;
  }
}
