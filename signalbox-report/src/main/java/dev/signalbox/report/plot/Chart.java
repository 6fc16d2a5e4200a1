package dev.signalbox.report.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The frame of an x–y plot: a data area of a fixed size, round ticks and grid lines, axis titles,
 * the title, and the legend right of the data area, so it never covers data. The margins grow
 * to fit the tick labels and the legend; {@link #width()} and {@link #height()} are the whole drawing.
 */
public final class Chart {
  private static final double TITLE = 16;
  private static final double SUBTITLE = 12.5;
  private static final double TICK_LABEL = 12.5;
  private static final double AXIS_TITLE = 13.5;
  private static final double LEGEND_GAP = 24;
  private static final double EDGE = 14;
  private static final String AXIS = "#333333";
  private static final String GRID = "#e4e4e4";

  /** One axis: its title, ticks, whether it is logarithmic, and text before each tick label (e.g. {@code $}). */
  public record Axis(String title, Ticks ticks, boolean log, String prefix) {}

  private final String title;
  private final String subtitle;
  private final Axis xAxis;
  private final Axis yAxis;
  private final Legend legend;
  private final Box area;
  private final Scale x;
  private final Scale y;
  private final int width;
  private final int height;
  private final double titleSize;

  /** A chart whose data area is {@code plotWidth × plotHeight}; {@code subtitle} and {@code legend} may be null. */
  public Chart(String title, String subtitle, Axis xAxis, Axis yAxis, Legend legend, int plotWidth, int plotHeight) {
    this.title = title;
    this.subtitle = subtitle;
    this.xAxis = xAxis;
    this.yAxis = yAxis;
    this.legend = legend;
    double yLabels = 0;
    for (String l : yAxis.ticks().labels()) {
      yLabels = Math.max(yLabels, TextMetrics.width(yAxis.prefix() + l, TICK_LABEL));
    }
    double left = EDGE + AXIS_TITLE * 1.4 + yLabels + 10;
    double top = EDGE + TITLE * 1.3 + (subtitle == null ? 0 : SUBTITLE * 1.5) + 12;
    double right = legend == null ? 30 : LEGEND_GAP + legend.width() + EDGE;
    double bottom = 10 + TICK_LABEL * 1.6 + AXIS_TITLE * 1.5 + EDGE;
    double h = Math.max(plotHeight, legend == null ? 0 : legend.height());
    this.area = new Box(left, top, plotWidth, h);
    this.width = (int) Math.ceil(left + plotWidth + right);
    this.height = (int) Math.ceil(top + h + bottom);
    double fit = TITLE;
    while (fit > 10 && TextMetrics.width(title, fit) > width - 2 * EDGE) {
      fit -= 0.5;
    }
    this.titleSize = fit;
    this.x = new Scale(xAxis.ticks().lo(), xAxis.ticks().hi(), xAxis.log(), area.x(), area.right());
    this.y = new Scale(yAxis.ticks().lo(), yAxis.ticks().hi(), yAxis.log(), area.bottom(), area.y());
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The data area. */
  public Box area() {
    return area;
  }

  public double x(double v) {
    return x.px(v);
  }

  public double y(double v) {
    return y.px(v);
  }

  public Scale xScale() {
    return x;
  }

  /** Where the legend goes: right of the data area, top aligned; null without a legend. */
  public Box legendBox() {
    return legend == null ? null : new Box(area.right() + LEGEND_GAP, area.y(), legend.width(), legend.height());
  }

  /** Grid, axes, tick labels, axis titles and title; draw the data after this, then {@link #drawLegend}. */
  public void drawFrame(Canvas c) {
    double[] xs = xAxis.ticks().values();
    double[] ys = yAxis.ticks().values();
    for (double v : xs) {
      c.line(x(v), area.y(), x(v), area.bottom(), GRID, 1, Canvas.Dash.SOLID);
    }
    for (double v : ys) {
      c.line(area.x(), y(v), area.right(), y(v), GRID, 1, Canvas.Dash.SOLID);
    }
    c.line(area.x(), area.bottom(), area.right(), area.bottom(), AXIS, 1, Canvas.Dash.SOLID);
    c.line(area.x(), area.y(), area.x(), area.bottom(), AXIS, 1, Canvas.Dash.SOLID);
    double labelBaseline = area.bottom() + 8 + TextMetrics.ascent(TICK_LABEL);
    for (int i : xLabelsShown()) {
      c.line(x(xs[i]), area.bottom(), x(xs[i]), area.bottom() + 5, AXIS, 1, Canvas.Dash.SOLID);
      c.text(x(xs[i]), labelBaseline, xAxis.prefix() + xAxis.ticks().labels()[i], TICK_LABEL, Canvas.Anchor.MIDDLE, AXIS);
    }
    for (int i = 0; i < ys.length; i++) {
      c.line(area.x() - 5, y(ys[i]), area.x(), y(ys[i]), AXIS, 1, Canvas.Dash.SOLID);
      c.text(area.x() - 8, y(ys[i]) + TextMetrics.ascent(TICK_LABEL) * 0.35, yAxis.prefix() + yAxis.ticks().labels()[i],
          TICK_LABEL, Canvas.Anchor.END, AXIS);
    }
    c.text(area.x() + area.w() / 2, labelBaseline + AXIS_TITLE * 1.6, xAxis.title(), AXIS_TITLE, Canvas.Anchor.MIDDLE,
        "#000000");
    c.verticalText(EDGE + AXIS_TITLE * 0.8, area.y() + area.h() / 2, yAxis.title(), AXIS_TITLE, "#000000");
    double baseline = EDGE + TextMetrics.ascent(titleSize);
    c.text(width / 2.0, baseline, title, titleSize, Canvas.Anchor.MIDDLE, "#000000");
    if (subtitle != null) {
      c.text(width / 2.0, baseline + SUBTITLE * 1.5, subtitle, SUBTITLE, Canvas.Anchor.MIDDLE, "#555555");
    }
  }

  public void drawLegend(Canvas c) {
    if (legend != null) {
      Box b = legendBox();
      legend.draw(c, b.x(), b.y());
    }
  }

  /**
   * The x ticks whose labels fit without touching a neighbour: every k-th main tick for the
   * smallest k that fits (the powers of ten on a log axis), then, when all of those fit, the 2s
   * and 5s where there is room.
   */
  List<Integer> xLabelsShown() {
    String[] labels = xAxis.ticks().labels();
    List<Integer> main = new ArrayList<>();
    List<Integer> minor = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      boolean decade = labels[i].replaceAll("[0.]", "").equals("1");
      (decade || !xAxis.log() ? main : minor).add(i);
    }
    for (int stride = 1; stride <= Math.max(1, main.size()); stride++) {
      List<Box> boxes = new ArrayList<>();
      List<Integer> shown = new ArrayList<>();
      boolean fits = true;
      for (int k = 0; k < main.size() && fits; k += stride) {
        fits = addIfApart(main.get(k), boxes, shown);
      }
      if (fits) {
        if (stride == 1) {
          minor.forEach(i -> addIfApart(i, boxes, shown));
        }
        shown.sort(null);
        return shown;
      }
    }
    return List.of();
  }

  /** Adds tick {@code i} when its label touches none of {@code boxes}; whether it did. */
  private boolean addIfApart(int i, List<Box> boxes, List<Integer> shown) {
    Box b = TextMetrics.box(x(xAxis.ticks().values()[i]), 0, xAxis.prefix() + xAxis.ticks().labels()[i], TICK_LABEL,
        Canvas.Anchor.MIDDLE).inflate(4);
    if (boxes.stream().anyMatch(b::overlaps)) {
      return false;
    }
    boxes.add(b);
    shown.add(i);
    return true;
  }
}
