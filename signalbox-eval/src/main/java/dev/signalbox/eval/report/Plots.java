package dev.signalbox.eval.report;

import dev.signalbox.report.plot.Canvas;
import dev.signalbox.report.plot.Chart;
import dev.signalbox.report.plot.PlotFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** What the eval plots share: files, colours and markers that tell series apart. */
final class Plots {
  /** Distinct hues for the series (routers, learners); the greys and black are for references. */
  static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
      "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939"};
  static final Canvas.Marker[] MARKERS = Canvas.Marker.values();
  static final String GREY = "#7f7f7f";
  static final String DARK = "#3a3a3a";
  static final double LABEL_SIZE = 12;
  static final double LEGEND_SIZE = 12.5;

  private Plots() {}

  /** Draws {@code draw} once into {@code BASE.svg} and {@code BASE.png} in {@code dir}, sized to the chart. */
  static void write(Path dir, String base, Chart chart, Consumer<Canvas> draw) {
    try {
      PlotFiles.write(dir, base, chart.width(), chart.height(), draw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot into " + dir, e);
    }
  }

  static String color(int series) {
    return COLORS[series % COLORS.length];
  }

  static Canvas.Marker marker(int series) {
    return MARKERS[series % MARKERS.length];
  }
}
