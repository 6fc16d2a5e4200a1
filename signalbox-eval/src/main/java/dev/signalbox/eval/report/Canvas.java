package dev.signalbox.eval.report;

/** The few drawing operations a plot needs, so one drawing renders to SVG and to PNG alike. */
interface Canvas {
  void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

  void polyline(double[] xs, double[] ys, String color, double width, boolean dashed);

  void circle(double x, double y, double r, String color, boolean filled);

  /** Text anchored at its start ({@code anchor} = start), middle or end. */
  void text(double x, double y, String text, double size, String color, String anchor);
}
