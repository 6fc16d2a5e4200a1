package dev.signalbox.eval.report;

import dev.signalbox.core.plot.Canvas;
import dev.signalbox.eval.online.OnlineResult;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The cumulative regret of every policy along the stream, mean over seeds, one line each (the
 * reference policies dashed); a drift's start is a vertical dashed line. Written as SVG and PNG.
 */
public final class RegretPlot {
  private static final int MAX_POINTS = 400;

  private RegretPlot() {}

  /** The file name (without extension) of a scenario's plot. */
  public static String baseName(OnlineResult.Scenario scenario) {
    return "regret-" + Plots.slug(scenario.name());
  }

  /** Writes {@link #baseName}{@code .svg} and {@code .png} into {@code dir}. */
  public static void write(Path dir, OnlineResult result, OnlineResult.Scenario scenario) {
    Plots.write(dir, baseName(scenario), c -> draw(c, result, scenario));
  }

  static void draw(Canvas c, OnlineResult result, OnlineResult.Scenario scenario) {
    int n = result.streamSize();
    double max = 0;
    for (OnlineResult.PolicyRun p : scenario.policies()) {
      max = Math.max(max, p.curve()[n - 1]);
    }
    Plots.Frame f = new Plots.Frame(0, n, 0, max > 0 ? max * 1.05 : 1);
    f.axes(c, scenario.name() + ": cumulative regret (mean of " + result.seeds() + " seeds)", "requests", "%.0f",
        "regret", "%.1f");
    if (scenario.drift() != null) {
      c.line(f.x(scenario.start()), f.y(0), f.x(scenario.start()), f.y(f.yMax()), "#7f7f7f", 1, true);
    }
    int step = Math.max(1, n / MAX_POINTS);
    int color = 0;
    int legend = 0;
    for (OnlineResult.PolicyRun p : scenario.policies()) {
      int points = (n - 1) / step + 2;
      double[] xs = new double[points];
      double[] ys = new double[points];
      xs[0] = f.x(0);
      ys[0] = f.y(0);
      for (int i = 1; i < points; i++) {
        int t = Math.min(n - 1, (i - 1) * step + step - 1);
        xs[i] = f.x(t + 1);
        ys[i] = f.y(p.curve()[t]);
      }
      boolean reference = p.name().equals("random") || p.name().equals("best-fixed");
      String col = Plots.COLORS[color++ % Plots.COLORS.length];
      c.polyline(xs, ys, col, 2, reference);
      Plots.Frame.legend(c, legend++, col, reference, p.name() + String.format(Locale.ROOT, " (%.1f)", p.regret().mean()));
    }
  }
}
