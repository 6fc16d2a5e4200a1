package dev.signalbox.report.plot;

/** An axis-aligned rectangle in pixels: {@code (x, y)} is its top left corner. */
public record Box(double x, double y, double w, double h) {

  /** The box around a point, {@code r} to each side. */
  public static Box around(double x, double y, double r) {
    return new Box(x - r, y - r, 2 * r, 2 * r);
  }

  public double right() {
    return x + w;
  }

  public double bottom() {
    return y + h;
  }

  /** Whether the two share any area (touching edges do not count). */
  public boolean overlaps(Box o) {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
  }

  /** Whether {@code o} lies wholly inside this box. */
  public boolean contains(Box o) {
    return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
  }

  /** Whether the point lies inside or on the edge. */
  public boolean contains(double px, double py) {
    return px >= x && px <= right() && py >= y && py <= bottom();
  }

  /** This box grown by {@code d} on every side (shrunk when negative). */
  public Box inflate(double d) {
    return new Box(x - d, y - d, w + 2 * d, h + 2 * d);
  }

  /** The point of this box nearest to {@code (px, py)}. */
  public double[] nearest(double px, double py) {
    return new double[] {Math.max(x, Math.min(right(), px)), Math.max(y, Math.min(bottom(), py))};
  }
}
