package dev.signalbox.eval.report;

import java.util.Locale;

/** A {@link Canvas} that writes SVG markup. */
final class SvgCanvas implements Canvas {
  private final StringBuilder sb = new StringBuilder();

  SvgCanvas(int width, int height) {
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
        width, height, width, height));
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
    sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n",
        x1, y1, x2, y2, color, width, dashed ? " stroke-dasharray=\"5,4\"" : ""));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, boolean dashed) {
    sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(width).append('"')
        .append(dashed ? " stroke-dasharray=\"5,4\"" : "").append(" points=\"");
    for (int i = 0; i < xs.length; i++) {
      sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
    }
    sb.append("\"/>\n");
  }

  @Override
  public void circle(double x, double y, double r, String color, boolean filled) {
    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" %s/>\n", x, y, r,
        filled ? "fill=\"" + color + "\"" : "fill=\"white\" stroke=\"" + color + "\" stroke-width=\"1.5\""));
  }

  @Override
  public void text(double x, double y, String text, double size, String color, String anchor) {
    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" fill=\"%s\" text-anchor=\"%s\">",
        x, y, size, color, anchor)).append(escape(text)).append("</text>\n");
  }

  String finish() {
    return sb + "</svg>\n";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
