package dev.signalbox.core.plot;

/**
 * The few drawing operations a plot needs, so one drawing renders to SVG and to a PNG alike
 * ({@link Plots#write}). Coordinates are pixels from the top left; colours are {@code #rrggbb}.
 */
public interface Canvas {
  /** Text anchoring, horizontally. */
  enum Anchor { START, MIDDLE, END }

  void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

  void polyline(double[] xs, double[] ys, String color, double width, boolean dashed);

  /** A filled dot, or a white one with a coloured ring. */
  void circle(double x, double y, double r, String color, boolean filled);

  void text(double x, double y, String text, double size, Anchor anchor, String color);

  /** Vertical text, reading upwards, centred on {@code (x, y)}. */
  void verticalText(double x, double y, String text, double size, String color);
}
