package dev.signalbox.eval.report;

import dev.signalbox.core.plot.Canvas;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.SliceMetrics;
import dev.signalbox.eval.policy.Policy;
import dev.signalbox.learn.Frontier;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The cost–quality frontier of every policy on one slice: routers and the zero router as their
 * hulls (solid and dashed lines over their points), single models, random and the oracle as
 * labelled dots. Drawn once through {@link Canvas}, written as SVG and PNG.
 */
public final class FrontierPlot {
  private FrontierPlot() {}

  /** Writes {@code frontier-SLICE.svg} and {@code .png} into {@code dir}. */
  public static void write(Path dir, Evaluation.Result result, String slice) {
    Plots.write(dir, "frontier-" + Plots.slug(slice), c -> draw(c, result, slice));
  }

  static void draw(Canvas c, Evaluation.Result result, String slice) {
    double cMax = 0;
    double qMin = 1;
    double qMax = 0;
    for (Evaluation.PolicyResult p : result.policies()) {
      for (Frontier.Point pt : p.slices().get(slice).points()) {
        cMax = Math.max(cMax, pt.cost());
        qMin = Math.min(qMin, pt.quality());
        qMax = Math.max(qMax, pt.quality());
      }
    }
    Plots.Frame s = new Plots.Frame(0, cMax > 0 ? cMax * 1.03 : 1, Math.max(0, qMin - 0.03), Math.min(1, qMax + 0.03));
    s.axes(c, slice + " (" + result.sliceSizes().get(slice) + " prompts): cost–quality frontier"
        + (cMax > 0 ? "" : " (the data has no costs)"), "mean cost per prompt (USD)", "%.5f", "quality", "%.2f");
    int color = 0;
    int legend = 0;
    for (Evaluation.PolicyResult p : result.policies()) {
      SliceMetrics m = p.slices().get(slice);
      boolean curve = p.kind() == Policy.Kind.ROUTER || m.points().size() > 1;
      String col = p.kind() == Policy.Kind.ORACLE ? "#000000" : curve ? Plots.COLORS[color++ % 8] : "#7f7f7f";
      if (curve) {
        for (Frontier.Point pt : m.points()) {
          c.circle(s.x(pt.cost()), s.y(pt.quality()), 2, col, true);
        }
        List<Frontier.Point> hull = Frontier.hull(m.points());
        double[] xs = new double[hull.size() + 1];
        double[] ys = new double[hull.size() + 1];
        for (int i = 0; i < hull.size(); i++) {
          xs[i] = s.x(hull.get(i).cost());
          ys[i] = s.y(hull.get(i).quality());
        }
        xs[hull.size()] = s.x(s.xMax());
        ys[hull.size()] = ys[hull.size() - 1];
        c.polyline(xs, ys, col, 2, p.kind() == Policy.Kind.BASELINE);
        String aiq = Double.isNaN(m.aiqCmax()) ? String.format(Locale.ROOT, " (max quality %.3f)", m.best().quality())
            : String.format(Locale.ROOT, " (AIQ %.3f)", m.aiqCmax());
        Plots.Frame.legend(c, legend++, col, p.kind() == Policy.Kind.BASELINE, p.name() + aiq);
      } else {
        Frontier.Point pt = m.points().get(0);
        c.circle(s.x(pt.cost()), s.y(pt.quality()), 4, col, p.kind() != Policy.Kind.BASELINE);
        c.text(s.x(pt.cost()) + 6, s.y(pt.quality()) - 5, p.name().replaceFirst("^single:", "").replaceFirst(".*/", ""),
            10, Canvas.Anchor.START, "#404040");
      }
    }
  }
}
