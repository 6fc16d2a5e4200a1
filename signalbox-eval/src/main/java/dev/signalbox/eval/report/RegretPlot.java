package dev.signalbox.eval.report;

import dev.signalbox.report.plot.Canvas;
import dev.signalbox.report.plot.Chart;
import dev.signalbox.report.plot.Legend;
import dev.signalbox.report.plot.Slugs;
import dev.signalbox.report.plot.Ticks;
import dev.signalbox.eval.online.OnlineResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cumulative regret of every policy along the stream, mean over seeds, one line each in its
 * own colour and marker (the reference policies dashed), the legend beside the plot; a drift's
 * start is a vertical dashed line. Written as SVG and PNG.
 */
public final class RegretPlot {
  private static final int MAX_POINTS = 400;
  private static final int MARKERS_PER_LINE = 8;
  private static final int PLOT_WIDTH = 720;
  private static final int PLOT_HEIGHT = 460;

  private final OnlineResult result;
  private final OnlineResult.Scenario scenario;
  private final Chart chart;

  RegretPlot(OnlineResult result, OnlineResult.Scenario scenario) {
    this.result = result;
    this.scenario = scenario;
    int n = result.streamSize();
    double max = 0;
    List<Legend.Entry> legend = new ArrayList<>();
    int series = 0;
    for (OnlineResult.PolicyRun p : scenario.policies()) {
      max = Math.max(max, p.curve()[n - 1]);
      legend.add(new Legend.Entry(p.name() + String.format(Locale.ROOT, " (%.1f)", p.regret().mean()), Plots.color(series),
          dash(p), Plots.marker(series), true));
      series++;
    }
    chart = new Chart(title(scenario) + ": cumulative regret, mean of " + result.seeds() + " seeds", null,
        new Chart.Axis("requests", Ticks.linear(0, n, 11), false, ""),
        new Chart.Axis("cumulative regret", Ticks.linear(0, max > 0 ? max : 1, 9), false, ""),
        new Legend("policy (final regret)", legend, Plots.LEGEND_SIZE), PLOT_WIDTH, PLOT_HEIGHT);
  }

  /** The file name (without extension) of each scenario's plot, in the result's order. */
  public static List<String> baseNames(OnlineResult result) {
    return Slugs.unique(result.scenarios().stream().map(s -> s.drift() == null ? s.name() : s.drift().text()).toList())
        .stream().map(s -> "regret-" + s).toList();
  }

  /** Writes {@code BASE.svg} and {@code .png} into {@code dir}. */
  public static void write(Path dir, OnlineResult result, OnlineResult.Scenario scenario, String base) {
    RegretPlot plot = new RegretPlot(result, scenario);
    Plots.write(dir, base, plot.chart, plot::draw);
  }

  Chart chart() {
    return chart;
  }

  void draw(Canvas c) {
    chart.drawFrame(c);
    int n = result.streamSize();
    if (scenario.drift() != null) {
      double x = chart.x(scenario.start());
      c.line(x, chart.area().y(), x, chart.area().bottom(), Plots.GREY, 1.2, Canvas.Dash.DASHED);
      c.text(x + 5, chart.area().y() + 14, "drift from request " + scenario.start(), Plots.LABEL_SIZE,
          Canvas.Anchor.START, "#555555");
    }
    int step = Math.max(1, n / MAX_POINTS);
    int series = 0;
    for (OnlineResult.PolicyRun p : scenario.policies()) {
      int points = (n - 1) / step + 2;
      double[] xs = new double[points];
      double[] ys = new double[points];
      xs[0] = chart.x(0);
      ys[0] = chart.y(0);
      for (int i = 1; i < points; i++) {
        int t = Math.min(n - 1, (i - 1) * step + step - 1);
        xs[i] = chart.x(t + 1);
        ys[i] = chart.y(p.curve()[t]);
      }
      c.polyline(xs, ys, Plots.color(series), 2, dash(p));
      // markers staggered per series, so that lines running together still show each marker
      for (int k = 0; k < MARKERS_PER_LINE; k++) {
        int t = (int) Math.round((k + (series % 4 + 1) / 5.0) * (n - 1) / MARKERS_PER_LINE);
        c.marker(chart.x(t + 1), chart.y(p.curve()[t]), 4, Plots.marker(series), Plots.color(series), true);
      }
      series++;
    }
    chart.drawLegend(c);
  }

  private static String title(OnlineResult.Scenario s) {
    return s.drift() == null ? "stationary stream" : "drift " + s.name();
  }

  private static Canvas.Dash dash(OnlineResult.PolicyRun p) {
    return p.name().equals("random") || p.name().equals("best-fixed") ? Canvas.Dash.DASHED : Canvas.Dash.SOLID;
  }
}
