package dev.signalbox.gateway.metrics;

import java.util.List;

/** Writes samples in the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {
  /** The content type of a scrape. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out;

  PrometheusText(StringBuilder out) {
    this.out = out;
  }

  void header(String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ');
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
    out.append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** One sample: {@code name{labels} value}; {@code extraLabel} (e.g. {@code le}) may be null. */
  void sample(String name, List<String> labelNames, List<String> labelValues, String extraLabel, String extraValue,
      double value) {
    out.append(name);
    if (!labelNames.isEmpty() || extraLabel != null) {
      out.append('{');
      for (int i = 0; i < labelNames.size(); i++) {
        label(i > 0, labelNames.get(i), labelValues.get(i));
      }
      if (extraLabel != null) {
        label(!labelNames.isEmpty(), extraLabel, extraValue);
      }
      out.append('}');
    }
    out.append(' ').append(number(value)).append('\n');
  }

  private void label(boolean comma, String name, String value) {
    if (comma) {
      out.append(',');
    }
    out.append(name).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    out.append('"');
  }

  static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
