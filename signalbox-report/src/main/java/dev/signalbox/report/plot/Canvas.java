package dev.signalbox.report.plot;

/**
 * The few drawing operations a plot needs, so one drawing renders to SVG and to a PNG alike
 * ({@link PlotFiles#write}). Coordinates are pixels from the top left; colours are {@code #rrggbb}.
 */
public interface Canvas {
  /** Text anchoring, horizontally. */
  enum Anchor { START, MIDDLE, END }

  /** How a line is stroked; the pattern is dash and gap lengths in pixels, empty when solid. */
  enum Dash {
    SOLID(), DASHED(7, 4), DOTTED(1.5f, 3), DASH_DOT(8, 3, 1.5f, 3);

    private final float[] pattern;

    Dash(float... pattern) {
      this.pattern = pattern;
    }

    public float[] pattern() {
      return pattern.clone();
    }
  }

  /** The shape that marks a point. */
  enum Marker {
    CIRCLE, SQUARE, TRIANGLE, DIAMOND, TRIANGLE_DOWN, PENTAGON, HEXAGON, STAR;

    /** The vertices of the shape of radius {@code r} around {@code (x, y)}: {xs, ys}; none for a circle. */
    public double[][] vertices(double x, double y, double r) {
      return switch (this) {
        case CIRCLE -> new double[][] {{}, {}};
        case SQUARE -> regular(x, y, r * 0.9 * Math.sqrt(2), 4, Math.PI / 4, 1);
        case TRIANGLE -> regular(x, y, r * 1.25, 3, -Math.PI / 2, 1);
        case TRIANGLE_DOWN -> regular(x, y, r * 1.25, 3, Math.PI / 2, 1);
        case DIAMOND -> regular(x, y, r * 1.3, 4, 0, 1);
        case PENTAGON -> regular(x, y, r * 1.1, 5, -Math.PI / 2, 1);
        case HEXAGON -> regular(x, y, r * 1.05, 6, 0, 1);
        case STAR -> regular(x, y, r * 1.5, 10, -Math.PI / 2, 0.45);
      };
    }

    /** {@code n} vertices on a circle, every other one pulled in to {@code inner} of the radius. */
    private static double[][] regular(double x, double y, double r, int n, double phase, double inner) {
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        double a = phase + 2 * Math.PI * i / n;
        double ri = i % 2 == 1 ? r * inner : r;
        xs[i] = x + ri * Math.cos(a);
        ys[i] = y + ri * Math.sin(a);
      }
      return new double[][] {xs, ys};
    }
  }

  void line(double x1, double y1, double x2, double y2, String color, double width, Dash dash);

  void polyline(double[] xs, double[] ys, String color, double width, Dash dash);

  /** A filled dot, or a white one with a coloured ring. */
  void circle(double x, double y, double r, String color, boolean filled);

  /** A closed shape filled with {@code color}, or white with a {@code color} outline. */
  void polygon(double[] xs, double[] ys, String color, boolean filled);

  void text(double x, double y, String text, double size, Anchor anchor, String color);

  /** Vertical text, reading upwards, centred on {@code (x, y)}. */
  void verticalText(double x, double y, String text, double size, String color);

  /** A marker of radius about {@code r} around {@code (x, y)}. */
  default void marker(double x, double y, double r, Marker marker, String color, boolean filled) {
    if (marker == Marker.CIRCLE) {
      circle(x, y, r, color, filled);
    } else {
      double[][] v = marker.vertices(x, y, r);
      polygon(v[0], v[1], color, filled);
    }
  }

  /** A white box with a {@code color} border. */
  default void box(Box b, String color) {
    polygon(new double[] {b.x(), b.right(), b.right(), b.x()}, new double[] {b.y(), b.y(), b.bottom(), b.bottom()},
        color, false);
  }
}
