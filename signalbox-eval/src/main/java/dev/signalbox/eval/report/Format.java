package dev.signalbox.eval.report;

import java.util.Locale;

/** Number formats shared by the reports. */
final class Format {
  private Format() {}

  static String quality(double q) {
    return Double.isNaN(q) ? "–" : String.format(Locale.ROOT, "%.3f", q);
  }

  static String cost(double c) {
    return Double.isNaN(c) ? "–" : String.format(Locale.ROOT, "$%.6f", c);
  }

  static String percent(double p) {
    return Double.isNaN(p) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * p);
  }
}
