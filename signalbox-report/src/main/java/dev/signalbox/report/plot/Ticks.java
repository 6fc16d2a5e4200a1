package dev.signalbox.report.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Round tick values for an axis, and the axis range around the data. Values are exact decimals
 * (0.3, never 0.30000000000000004), so their labels are short.
 *
 * @param lo the axis start, at or below the data
 * @param hi the axis end, at or above the data
 * @param values the ticks, ascending, within {@code [lo, hi]}
 * @param labels the ticks as text
 */
public record Ticks(double lo, double hi, double[] values, String[] labels) {
  private static final int[] ONE_TWO_FIVE = {1, 2, 5};

  /**
   * Ticks a step of 1, 2 or 5 times a power of ten apart, at most {@code maxTicks} of them, over
   * {@code [lo, hi]} widened to multiples of the step. Labels share the step's decimals (0.50, 0.55).
   */
  public static Ticks linear(double lo, double hi, int maxTicks) {
    if (!(hi > lo)) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      return linear(lo - pad, lo + pad, maxTicks);
    }
    BigDecimal step = niceStep((hi - lo) / Math.max(1, maxTicks - 1));
    while ((Math.ceil(hi / step.doubleValue() - 1e-9) - Math.floor(lo / step.doubleValue() + 1e-9)) + 1 > maxTicks) {
      step = niceStep(step.doubleValue() * 1.01);
    }
    long first = (long) Math.floor(lo / step.doubleValue() + 1e-9);
    long last = (long) Math.ceil(hi / step.doubleValue() - 1e-9);
    int decimals = Math.max(0, step.stripTrailingZeros().scale());
    double[] values = new double[(int) (last - first + 1)];
    String[] labels = new String[values.length];
    for (long k = first; k <= last; k++) {
      BigDecimal v = step.multiply(BigDecimal.valueOf(k));
      values[(int) (k - first)] = v.doubleValue();
      labels[(int) (k - first)] = v.setScale(decimals).toPlainString();
    }
    return new Ticks(values[0], values[values.length - 1], values, labels);
  }

  /**
   * Ticks for a logarithmic axis over {@code [lo, hi]} (both positive), widened by 4% of its
   * span in log terms on each side: the powers of ten inside, with their 2 and 5 multiples when
   * the range spans fewer than four decades, and every multiple 1 to 9 when that gives fewer
   * than three ticks. Each label has the decimals its value needs (0.0002, 0.001).
   */
  public static Ticks log(double lo, double hi) {
    if (!(lo > 0) || !(hi > 0)) {
      throw new IllegalArgumentException("a log axis needs positive bounds, got " + lo + " to " + hi);
    }
    double span = Math.max(Math.log10(Math.max(lo, hi) / Math.min(lo, hi)), 0.1);
    double start = Math.min(lo, hi) / Math.pow(10, 0.04 * span);
    double end = Math.max(lo, hi) * Math.pow(10, 0.04 * span);
    int[][] multiples = span >= 4 ? new int[][] {{1}} : new int[][] {ONE_TWO_FIVE, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
    List<BigDecimal> ticks = List.of();
    for (int[] m : multiples) {
      ticks = logTicks(start, end, m);
      if (ticks.size() >= 3) {
        break;
      }
    }
    double[] values = ticks.stream().mapToDouble(BigDecimal::doubleValue).toArray();
    String[] labels = ticks.stream().map(v -> v.stripTrailingZeros().toPlainString()).toArray(String[]::new);
    return new Ticks(start, end, values, labels);
  }

  /** {@code m × 10^e} for each of the multiples, within {@code [start, end]}. */
  private static List<BigDecimal> logTicks(double start, double end, int[] multiples) {
    List<BigDecimal> ticks = new ArrayList<>();
    for (int exp = (int) Math.floor(Math.log10(start)); exp <= (int) Math.ceil(Math.log10(end)); exp++) {
      for (int m : multiples) {
        BigDecimal v = BigDecimal.valueOf(m).scaleByPowerOfTen(exp);
        if (v.doubleValue() >= start && v.doubleValue() <= end) {
          ticks.add(v);
        }
      }
    }
    return ticks;
  }

  /** The label of a decimal value: no exponent, no trailing zeros. */
  public static String label(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The smallest of 1, 2 or 5 times a power of ten at or above {@code rough > 0}. */
  private static BigDecimal niceStep(double rough) {
    for (int exp = (int) Math.floor(Math.log10(rough)); ; exp++) {
      for (int m : ONE_TWO_FIVE) {
        BigDecimal c = BigDecimal.valueOf(m).scaleByPowerOfTen(exp);
        if (c.doubleValue() >= rough * (1 - 1e-9)) {
          return c;
        }
      }
    }
  }
}
