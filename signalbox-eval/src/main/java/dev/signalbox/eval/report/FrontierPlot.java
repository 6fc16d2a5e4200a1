package dev.signalbox.eval.report;

import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.SliceMetrics;
import dev.signalbox.eval.policy.Policy;
import dev.signalbox.learn.Frontier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The cost–quality frontier of every policy on one slice: routers and the zero router as their
 * hulls (solid and dashed lines over their points), single models, random and the oracle as
 * labelled dots. Drawn once through {@link Canvas}, written as SVG and PNG.
 */
public final class FrontierPlot {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 640;
  private static final int LEFT = 70;
  private static final int RIGHT = 220;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};

  private FrontierPlot() {}

  /** Writes {@code frontier-SLICE.svg} and {@code .png} into {@code dir}. */
  public static void write(Path dir, Evaluation.Result result, String slice) {
    String base = "frontier-" + slice.replaceAll("[^A-Za-z0-9._-]+", "_");
    SvgCanvas svg = new SvgCanvas(WIDTH, HEIGHT);
    draw(svg, result, slice);
    ImageCanvas png = new ImageCanvas(WIDTH, HEIGHT);
    draw(png, result, slice);
    try {
      Files.writeString(dir.resolve(base + ".svg"), svg.finish());
      ImageIO.write(png.finish(), "png", dir.resolve(base + ".png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot into " + dir, e);
    }
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
    Scale s = new Scale(cMax > 0 ? cMax * 1.03 : 1, Math.max(0, qMin - 0.03), Math.min(1, qMax + 0.03));
    axes(c, s, slice + " (" + result.sliceSizes().get(slice) + " prompts): cost–quality frontier"
        + (cMax > 0 ? "" : " (the data has no costs)"));
    int color = 0;
    int legend = 0;
    for (Evaluation.PolicyResult p : result.policies()) {
      SliceMetrics m = p.slices().get(slice);
      boolean curve = p.kind() == Policy.Kind.ROUTER || m.points().size() > 1;
      String col = p.kind() == Policy.Kind.ORACLE ? "#000000" : curve ? COLORS[color++ % COLORS.length] : "#7f7f7f";
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
        xs[hull.size()] = s.x(s.cMax);
        ys[hull.size()] = ys[hull.size() - 1];
        c.polyline(xs, ys, col, 2, p.kind() == Policy.Kind.BASELINE);
        String aiq = Double.isNaN(m.aiqCmax()) ? String.format(Locale.ROOT, " (max quality %.3f)", m.best().quality())
            : String.format(Locale.ROOT, " (AIQ %.3f)", m.aiqCmax());
        double ly = TOP + 14 + 18 * legend++;
        c.line(WIDTH - RIGHT + 15, ly - 4, WIDTH - RIGHT + 35, ly - 4, col, 2, p.kind() == Policy.Kind.BASELINE);
        c.text(WIDTH - RIGHT + 40, ly, p.name() + aiq, 11, "#000000", "start");
      } else {
        Frontier.Point pt = m.points().get(0);
        c.circle(s.x(pt.cost()), s.y(pt.quality()), 4, col, p.kind() != Policy.Kind.BASELINE);
        c.text(s.x(pt.cost()) + 6, s.y(pt.quality()) - 5, p.name().replaceFirst("^single:", "").replaceFirst(".*/", ""),
            10, "#404040", "start");
      }
    }
  }

  private static void axes(Canvas c, Scale s, String title) {
    double x0 = LEFT;
    double y0 = HEIGHT - BOTTOM;
    c.line(x0, y0, WIDTH - RIGHT, y0, "#000000", 1, false);
    c.line(x0, y0, x0, TOP, "#000000", 1, false);
    for (int i = 0; i <= 5; i++) {
      double cost = s.cMax * i / 5;
      c.line(s.x(cost), y0, s.x(cost), y0 + 4, "#000000", 1, false);
      c.text(s.x(cost), y0 + 18, String.format(Locale.ROOT, "%.5f", cost), 10, "#000000", "middle");
      double q = s.qMin + (s.qMax - s.qMin) * i / 5;
      c.line(x0 - 4, s.y(q), x0, s.y(q), "#000000", 1, false);
      c.line(x0, s.y(q), WIDTH - RIGHT, s.y(q), "#e0e0e0", 1, false);
      c.text(x0 - 7, s.y(q) + 4, String.format(Locale.ROOT, "%.2f", q), 10, "#000000", "end");
    }
    c.text((x0 + WIDTH - RIGHT) / 2, HEIGHT - 18, "mean cost per prompt (USD)", 12, "#000000", "middle");
    c.text(14, TOP - 14, "quality", 12, "#000000", "start");
    c.text((x0 + WIDTH - RIGHT) / 2, TOP - 16, title, 14, "#000000", "middle");
  }

  /** Data to pixel coordinates. */
  private record Scale(double cMax, double qMin, double qMax) {
    double x(double cost) {
      return LEFT + (WIDTH - LEFT - RIGHT) * cost / cMax;
    }

    double y(double quality) {
      double span = qMax - qMin > 0 ? qMax - qMin : 1;
      return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (quality - qMin) / span;
    }
  }
}
