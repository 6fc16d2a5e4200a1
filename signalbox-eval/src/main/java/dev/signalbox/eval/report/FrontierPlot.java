package dev.signalbox.eval.report;

import dev.signalbox.report.plot.Box;
import dev.signalbox.report.plot.Canvas;
import dev.signalbox.report.plot.Chart;
import dev.signalbox.report.plot.Labels;
import dev.signalbox.report.plot.Legend;
import dev.signalbox.report.plot.Slugs;
import dev.signalbox.report.plot.Ticks;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.SliceMetrics;
import dev.signalbox.eval.policy.Policy;
import dev.signalbox.learn.Frontier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost–quality frontier of every policy on one slice, cost on a log axis: routers and the
 * multi-point baselines as their hulls (solid, dashed, dotted for oracles; a marker on each hull
 * point), single models, random and the oracle as labelled points, the legend beside the plot.
 * Drawn once through {@link Canvas}, written as SVG and PNG.
 */
public final class FrontierPlot {
  private static final int PLOT_WIDTH = 760;
  private static final int PLOT_HEIGHT = 500;
  private static final double HULL_MARKER = 3.5;
  private static final double POINT_MARKER = 5;
  private static final String[] BASELINE_COLORS = {Plots.GREY, "#8c6d31", "#5254a3"};

  /** A policy drawn as a hull. */
  private record Curve(String name, List<Frontier.Point> points, List<Frontier.Point> hull, String color,
      Canvas.Dash dash, Canvas.Marker marker) {}

  /** A policy drawn as one labelled point. */
  private record Dot(String label, Frontier.Point point, String color, Canvas.Marker marker, boolean filled) {}

  private final Chart chart;
  private final boolean costs;
  private final List<Curve> curves = new ArrayList<>();
  private final List<Dot> dots = new ArrayList<>();
  private final List<Labels.Placed> labels;

  FrontierPlot(Evaluation.Result result, String slice) {
    double cMin = Double.POSITIVE_INFINITY;
    double cMax = 0;
    double qMin = 1;
    double qMax = 0;
    for (Evaluation.PolicyResult p : result.policies()) {
      for (Frontier.Point pt : p.slices().get(slice).points()) {
        cMax = Math.max(cMax, pt.cost());
        if (pt.cost() > 0) {
          cMin = Math.min(cMin, pt.cost());
        }
        qMin = Math.min(qMin, pt.quality());
        qMax = Math.max(qMax, pt.quality());
      }
    }
    costs = cMax > 0;
    List<Legend.Entry> legend = new ArrayList<>();
    List<Legend.Entry> dotEntries = new ArrayList<>();
    Map<String, SliceMetrics> drawn = new LinkedHashMap<>();
    int routers = 0;
    int baselines = 0;
    for (Evaluation.PolicyResult p : result.policies()) {
      SliceMetrics m = p.slices().get(slice);
      if (p.kind() == Policy.Kind.ROUTER || m.points().size() > 1) {
        int series = routers + baselines;
        Curve c = switch (p.kind()) {
          case ROUTER, ROUTE -> curve(p.name(), m, Plots.color(routers++), Canvas.Dash.SOLID, Plots.marker(series));
          case BASELINE -> curve(p.name(), m, BASELINE_COLORS[baselines++ % BASELINE_COLORS.length],
              baselines % 2 == 1 ? Canvas.Dash.DASHED : Canvas.Dash.DASH_DOT, Plots.marker(series));
          case ORACLE -> curve(p.name(), m, "#000000", Canvas.Dash.DOTTED, Plots.marker(series));
        };
        curves.add(c);
        String same = drawn.entrySet().stream().filter(e -> TableNotes.sameFrontier(e.getValue(), m))
            .map(Map.Entry::getKey).findFirst().map(n -> " = " + n).orElse("");
        drawn.put(p.name(), m);
        legend.add(new Legend.Entry(p.name() + metric(m) + same, c.color(), c.dash(), c.marker(), true));
      } else {
        boolean single = p.name().startsWith("single:");
        Dot d = p.kind() == Policy.Kind.ORACLE
            ? new Dot(p.name(), m.points().get(0), "#000000", Canvas.Marker.STAR, true)
            : p.kind() == Policy.Kind.ROUTE
            ? new Dot(p.name(), m.points().get(0), Plots.color(routers++), Canvas.Marker.DIAMOND, true)
            : new Dot(shortName(p.name()), m.points().get(0), Plots.DARK, Canvas.Marker.CIRCLE, single);
        dots.add(d);
        String kind = p.kind() == Policy.Kind.ORACLE ? p.name() + ": the best model per prompt"
            : p.kind() == Policy.Kind.ROUTE ? p.name() + metric(m)
            : single ? "single model" : p.name();
        dotEntries.add(new Legend.Entry(kind, d.color(), null, d.marker(), d.filled()));
      }
    }
    legend.addAll(dotEntries.stream().distinct().toList());
    Ticks x = costs ? Ticks.log(cMin, cMax) : new Ticks(0, 1, new double[0], new String[0]);
    Ticks y = Ticks.linear(Math.max(0, qMin - 0.01), Math.min(1, qMax + 0.01), 9);
    chart = new Chart(slice + " (" + result.sliceSizes().get(slice) + " prompts): cost–quality frontier",
        costs ? "each line joins a policy's best operating points (its convex hull); cost on a log scale"
            : "the data has no costs, so every policy sits at the same cost",
        new Chart.Axis(costs ? "mean cost per prompt (USD, log scale)" : "cost (none in the data)", x, costs,
            costs ? "$" : ""),
        new Chart.Axis("quality", y, false, ""),
        new Legend(costs ? "policy (AIQ ÷c_max)" : "policy (best quality)", legend, Plots.LEGEND_SIZE),
        PLOT_WIDTH, PLOT_HEIGHT);
    List<Labels.Label> toPlace = dots.stream()
        .map(d -> new Labels.Label(x(d.point()), y(d.point()), d.label(), Plots.LABEL_SIZE)).toList();
    labels = Labels.place(toPlace, chart.area(), markerBoxes(), linePoints());
  }

  /** Writes {@code BASE.svg} and {@code .png} into {@code dir}. */
  public static void write(Path dir, Evaluation.Result result, String slice, String base) {
    FrontierPlot plot = new FrontierPlot(result, slice);
    Plots.write(dir, base, plot.chart, plot::draw);
  }

  /** The file name (without extension) of each slice's plot, in the result's order. */
  public static List<String> baseNames(Evaluation.Result result) {
    return Slugs.unique(result.slices()).stream().map(s -> "frontier-" + s).toList();
  }

  Chart chart() {
    return chart;
  }

  List<Labels.Placed> labels() {
    return labels;
  }

  void draw(Canvas c) {
    chart.drawFrame(c);
    for (Curve curve : curves) {
      for (Frontier.Point pt : curve.points()) {
        c.circle(x(pt), y(pt), 1.4, curve.color(), true);
      }
      double[][] line = hullLine(curve.hull());
      c.polyline(line[0], line[1], curve.color(), curve.dash() == Canvas.Dash.SOLID ? 2 : 2.2, curve.dash());
    }
    for (Curve curve : curves) {
      for (Frontier.Point pt : curve.hull()) {
        c.marker(x(pt), y(pt), HULL_MARKER, curve.marker(), curve.color(), true);
      }
    }
    for (Dot d : dots) {
      c.marker(x(d.point()), y(d.point()), d.marker() == Canvas.Marker.STAR ? POINT_MARKER + 1 : POINT_MARKER,
          d.marker(), d.color(), d.filled());
    }
    Labels.draw(c, labels, "#202020", "#8a8a8a", POINT_MARKER + 1);
    chart.drawLegend(c);
  }

  private static Curve curve(String name, SliceMetrics m, String color, Canvas.Dash dash, Canvas.Marker marker) {
    return new Curve(name, m.points(), Frontier.hull(m.points()), color, dash, marker);
  }

  private static String metric(SliceMetrics m) {
    return Double.isNaN(m.aiqCmax()) ? String.format(Locale.ROOT, " (%.3f)", m.best().quality())
        : String.format(Locale.ROOT, " (%.3f)", m.aiqCmax());
  }

  /** {@code single:zero-one-ai/Yi-34B-Chat} as {@code Yi-34B-Chat}. */
  static String shortName(String policy) {
    return policy.replaceFirst("^single:", "").replaceFirst(".*/", "");
  }

  private double x(Frontier.Point p) {
    return costs ? chart.x(p.cost()) : chart.x(0.5);
  }

  private double y(Frontier.Point p) {
    return chart.y(p.quality());
  }

  /**
   * The hull in pixels, extended flat to the right edge. Between two hull points the quality
   * grows linearly in cost (mixing the two), which is a curve on a log axis, so it is sampled.
   */
  private double[][] hullLine(List<Frontier.Point> hull) {
    List<double[]> px = new ArrayList<>();
    for (int i = 0; i < hull.size(); i++) {
      Frontier.Point b = hull.get(i);
      if (i > 0 && costs) {
        Frontier.Point a = hull.get(i - 1);
        double from = Math.max(a.cost(), chart.xScale().lo());
        for (int k = 1; k < 24; k++) {
          double cost = from * Math.pow(b.cost() / from, k / 24.0);
          double q = a.quality() + (b.quality() - a.quality()) * (cost - a.cost()) / (b.cost() - a.cost());
          px.add(new double[] {chart.x(cost), chart.y(q)});
        }
      }
      px.add(new double[] {x(b), y(b)});
    }
    px.add(new double[] {chart.area().right(), px.get(px.size() - 1)[1]});
    return new double[][] {px.stream().mapToDouble(p -> p[0]).toArray(), px.stream().mapToDouble(p -> p[1]).toArray()};
  }

  private List<Box> markerBoxes() {
    List<Box> boxes = new ArrayList<>();
    for (Dot d : dots) {
      boxes.add(Box.around(x(d.point()), y(d.point()), POINT_MARKER + 1.5));
    }
    for (Curve curve : curves) {
      for (Frontier.Point pt : curve.hull()) {
        boxes.add(Box.around(x(pt), y(pt), HULL_MARKER + 1));
      }
    }
    return boxes;
  }

  /** Samples of every hull line about 3 pixels apart, which labels should not cover. */
  private List<double[]> linePoints() {
    List<double[]> out = new ArrayList<>();
    for (Curve curve : curves) {
      double[][] line = hullLine(curve.hull());
      for (int i = 1; i < line[0].length; i++) {
        double len = Math.hypot(line[0][i] - line[0][i - 1], line[1][i] - line[1][i - 1]);
        int steps = Math.max(1, (int) (len / 3));
        for (int k = 0; k < steps; k++) {
          double t = (double) k / steps;
          out.add(new double[] {line[0][i - 1] + t * (line[0][i] - line[0][i - 1]),
              line[1][i - 1] + t * (line[1][i] - line[1][i - 1])});
        }
      }
    }
    return out;
  }
}
