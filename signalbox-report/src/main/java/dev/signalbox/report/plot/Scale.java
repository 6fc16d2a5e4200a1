package dev.signalbox.report.plot;

/**
 * Maps data values on {@code [lo, hi]} to pixels on {@code [from, to]}, linearly or by their
 * logarithm; on a log scale values at or below zero land on {@code lo}.
 */
public record Scale(double lo, double hi, boolean log, double from, double to) {

  /** A linear scale over the ticks' range. */
  public static Scale linear(Ticks ticks, double from, double to) {
    return new Scale(ticks.lo(), ticks.hi(), false, from, to);
  }

  /** A logarithmic scale over the ticks' range. */
  public static Scale log(Ticks ticks, double from, double to) {
    return new Scale(ticks.lo(), ticks.hi(), true, from, to);
  }

  /** The pixel of {@code v}. */
  public double px(double v) {
    double t = log ? (Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
    return from + (to - from) * (Double.isFinite(t) ? t : 0);
  }

  /** The data value at pixel {@code px}. */
  public double value(double px) {
    double t = (px - from) / (to - from);
    return log ? lo * Math.pow(hi / lo, t) : lo + t * (hi - lo);
  }
}
