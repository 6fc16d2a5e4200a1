package dev.signalbox.eval.report;

import dev.signalbox.core.plot.Canvas;
import dev.signalbox.core.plot.PlotFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/** What the plots share: one drawing written as SVG and PNG, and a frame of two linear axes. */
final class Plots {
  static final int WIDTH = 960;
  static final int HEIGHT = 640;
  static final int LEFT = 70;
  static final int RIGHT = 220;
  static final int TOP = 40;
  static final int BOTTOM = 60;
  static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
      "#bcbd22", "#7f7f7f", "#000000"};

  private Plots() {}

  /** Draws once into {@code BASE.svg} and {@code BASE.png} in {@code dir}. */
  static void write(Path dir, String base, Consumer<Canvas> draw) {
    try {
      PlotFiles.write(dir, base, WIDTH, HEIGHT, draw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot into " + dir, e);
    }
  }

  /** A file name part from free text. */
  static String slug(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]+", "_");
  }

  /** Data to pixel coordinates over {@code [xMin, xMax] × [yMin, yMax]}. */
  record Frame(double xMin, double xMax, double yMin, double yMax) {
    double x(double v) {
      double span = xMax - xMin > 0 ? xMax - xMin : 1;
      return LEFT + (WIDTH - LEFT - RIGHT) * (v - xMin) / span;
    }

    double y(double v) {
      double span = yMax - yMin > 0 ? yMax - yMin : 1;
      return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (v - yMin) / span;
    }

    /** Axes with five ticks each, horizontal grid lines, the labels and the title. */
    void axes(Canvas c, String title, String xLabel, String xFormat, String yLabel, String yFormat) {
      double x0 = LEFT;
      double y0 = HEIGHT - BOTTOM;
      c.line(x0, y0, WIDTH - RIGHT, y0, "#000000", 1, false);
      c.line(x0, y0, x0, TOP, "#000000", 1, false);
      for (int i = 0; i <= 5; i++) {
        double xv = xMin + (xMax - xMin) * i / 5;
        c.line(x(xv), y0, x(xv), y0 + 4, "#000000", 1, false);
        c.text(x(xv), y0 + 18, String.format(Locale.ROOT, xFormat, xv), 10, Canvas.Anchor.MIDDLE, "#000000");
        double yv = yMin + (yMax - yMin) * i / 5;
        c.line(x0 - 4, y(yv), x0, y(yv), "#000000", 1, false);
        c.line(x0, y(yv), WIDTH - RIGHT, y(yv), "#e0e0e0", 1, false);
        c.text(x0 - 7, y(yv) + 4, String.format(Locale.ROOT, yFormat, yv), 10, Canvas.Anchor.END, "#000000");
      }
      c.text((x0 + WIDTH - RIGHT) / 2, HEIGHT - 18, xLabel, 12, Canvas.Anchor.MIDDLE, "#000000");
      c.text(14, TOP - 14, yLabel, 12, Canvas.Anchor.START, "#000000");
      c.text((x0 + WIDTH - RIGHT) / 2, TOP - 16, title, 14, Canvas.Anchor.MIDDLE, "#000000");
    }

    /** The {@code index}-th legend entry: a line sample and its label, right of the plot. */
    static void legend(Canvas c, int index, String color, boolean dashed, String label) {
      double ly = TOP + 14 + 18 * index;
      c.line(WIDTH - RIGHT + 15, ly - 4, WIDTH - RIGHT + 35, ly - 4, color, 2, dashed);
      c.text(WIDTH - RIGHT + 40, ly, label, 11, Canvas.Anchor.START, "#000000");
    }
  }
}
