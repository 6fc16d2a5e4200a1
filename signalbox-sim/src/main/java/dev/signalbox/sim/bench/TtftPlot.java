package dev.signalbox.sim.bench;

import dev.signalbox.report.plot.Canvas;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * p90 time to first token against offered load, one line per strategy, on a log scale with the
 * SLO drawn across; loads past a strategy's breaking point sit on the top edge.
 */
final class TtftPlot {
  static final int WIDTH = 960;
  static final int HEIGHT = 560;
  private static final double LEFT = 80;
  private static final double RIGHT = 250;
  private static final double TOP = 50;
  private static final double BOTTOM = 60;
  private static final String[] COLORS = {
    "#7f7f7f", "#1f77b4", "#17becf", "#ff7f0e", "#9467bd", "#2ca02c", "#d62728", "#8c564b", "#e377c2", "#bcbd22"
  };

  private final PoolBench.WorkloadResult result;
  private final double sloMs;
  private final String title;
  private final double maxRate;
  private final double minMs;
  private final double maxMs;

  TtftPlot(PoolBench.WorkloadResult result, double sloMs, int replicas) {
    this.result = result;
    this.sloMs = sloMs;
    this.title = result.workload() + ": p90 TTFT against offered load (" + replicas + " replicas, SLO "
        + format(sloMs) + " ms)";
    double top = 0;
    for (PoolBench.Curve c : result.curves()) {
      top = Math.max(top, c.atCapacity() == null ? 0 : c.atCapacity().ratePerSecond());
    }
    this.maxRate = niceCeiling(Math.max(1, top * 1.3));
    this.minMs = 10;
    this.maxMs = Math.pow(10, Math.ceil(Math.log10(sloMs * 5)));
  }

  void draw(Canvas c) {
    double plotRight = WIDTH - RIGHT;
    double plotBottom = HEIGHT - BOTTOM;
    c.text(WIDTH / 2.0, 28, title, 16, Canvas.Anchor.MIDDLE, "#000000");
    // axes and grid
    c.line(LEFT, plotBottom, plotRight, plotBottom, "#000000", 1, Canvas.Dash.SOLID);
    c.line(LEFT, TOP, LEFT, plotBottom, "#000000", 1, Canvas.Dash.SOLID);
    double step = niceStep(maxRate / 8);
    for (double v = 0; v <= maxRate + 1e-9; v += step) {
      double x = x(v);
      c.line(x, plotBottom, x, plotBottom + 5, "#000000", 1, Canvas.Dash.SOLID);
      c.line(x, TOP, x, plotBottom, "#e6e6e6", 1, Canvas.Dash.SOLID);
      c.text(x, plotBottom + 20, format(v), 12, Canvas.Anchor.MIDDLE, "#000000");
    }
    for (double v = minMs; v <= maxMs * 1.0001; v *= 10) {
      double y = y(v);
      c.line(LEFT - 5, y, LEFT, y, "#000000", 1, Canvas.Dash.SOLID);
      c.line(LEFT, y, plotRight, y, "#e6e6e6", 1, Canvas.Dash.SOLID);
      c.text(LEFT - 8, y + 4, format(v), 12, Canvas.Anchor.END, "#000000");
    }
    c.text((LEFT + plotRight) / 2, HEIGHT - 18, "offered load (requests/s)", 13, Canvas.Anchor.MIDDLE, "#000000");
    c.verticalText(22, (TOP + plotBottom) / 2, "p90 time to first token (ms, log scale)", 13, "#000000");
    c.line(LEFT, y(sloMs), plotRight, y(sloMs), "#d62728", 1.5, Canvas.Dash.DASHED);
    c.text(plotRight - 4, y(sloMs) - 6, "SLO " + format(sloMs) + " ms", 12, Canvas.Anchor.END, "#d62728");
    // one line per strategy
    int k = 0;
    for (PoolBench.Curve curve : result.curves()) {
      String color = COLORS[k % COLORS.length];
      List<double[]> pts = new ArrayList<>();
      for (PoolRunResult r : curve.points()) {
        if (r.ratePerSecond() <= maxRate) {
          pts.add(new double[] {x(r.ratePerSecond()), y(r.meets(sloMs) ? r.p90TtftMs() : Math.max(r.p90TtftMs(), maxMs))});
        }
      }
      double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
      double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
      c.polyline(xs, ys, color, 2, Canvas.Dash.SOLID);
      for (int i = 0; i < xs.length; i++) {
        c.circle(xs[i], ys[i], 2.5, color, true);
      }
      double ly = TOP + 10 + k * 22;
      c.line(plotRight + 16, ly - 4, plotRight + 40, ly - 4, color, 3, Canvas.Dash.SOLID);
      c.text(plotRight + 46, ly, curve.strategy() + "  " + format(Math.round(curve.capacity() * 10) / 10.0) + " rps",
          13, Canvas.Anchor.START, "#000000");
      k++;
    }
    c.text(plotRight + 16, TOP + 16 + k * 22, "capacity: requests/s served", 11, Canvas.Anchor.START, "#555555");
    c.text(plotRight + 16, TOP + 30 + k * 22, "with p90 TTFT within the SLO", 11, Canvas.Anchor.START, "#555555");
  }

  private double x(double rate) {
    return LEFT + rate / maxRate * (WIDTH - RIGHT - LEFT);
  }

  private double y(double ms) {
    double clipped = Math.max(minMs, Math.min(maxMs, ms));
    double t = (Math.log10(clipped) - Math.log10(minMs)) / (Math.log10(maxMs) - Math.log10(minMs));
    return HEIGHT - BOTTOM - t * (HEIGHT - BOTTOM - TOP);
  }

  static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / magnitude;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
  }

  private static double niceCeiling(double v) {
    double step = niceStep(v / 8);
    return Math.ceil(v / step) * step;
  }

  static String format(double v) {
    if (v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
  }
}
