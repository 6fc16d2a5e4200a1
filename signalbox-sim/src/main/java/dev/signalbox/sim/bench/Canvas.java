package dev.signalbox.sim.bench;

/** The few drawing operations a plot needs, so one plot renders to SVG and to a PNG alike. */
interface Canvas {
  /** Text anchoring, horizontally. */
  enum Anchor { START, MIDDLE, END }

  void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

  void polyline(double[] xs, double[] ys, String color, double width);

  void dot(double x, double y, double radius, String color);

  void text(double x, double y, String text, double size, Anchor anchor, String color);

  /** Vertical text, reading upwards, centred on {@code (x, y)}. */
  void verticalText(double x, double y, String text, double size, String color);
}
