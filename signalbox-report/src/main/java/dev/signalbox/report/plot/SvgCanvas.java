package dev.signalbox.report.plot;

import java.util.Locale;

/** A {@link Canvas} that writes SVG. */
public final class SvgCanvas implements Canvas {
  private final StringBuilder svg = new StringBuilder();
  private final int width;
  private final int height;

  public SvgCanvas(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width, Dash dash) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
        x1, y1, x2, y2, color, width, dashArray(dash)));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, Dash dash) {
    svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
        .append(String.format(Locale.ROOT, "%.1f", width)).append('"').append(dashArray(dash))
        .append(" stroke-linejoin=\"round\" points=\"").append(points(xs, ys)).append("\"/>\n");
  }

  @Override
  public void circle(double x, double y, double r, String color, boolean filled) {
    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" %s/>%n", x, y, r,
        paint(color, filled)));
  }

  @Override
  public void polygon(double[] xs, double[] ys, String color, boolean filled) {
    svg.append("<polygon points=\"").append(points(xs, ys)).append("\" ").append(paint(color, filled)).append("/>\n");
  }

  @Override
  public void text(double x, double y, String text, double size, Anchor anchor, String color) {
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
        x, y, size, anchor.name().toLowerCase(Locale.ROOT), color, escape(text)));
  }

  @Override
  public void verticalText(double x, double y, String text, double size, String color) {
    svg.append(String.format(Locale.ROOT,
        "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" font-size=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
        x, y, size, color, escape(text)));
  }

  /** The finished document. */
  public String document() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + svg + "</svg>\n";
  }

  private static String paint(String color, boolean filled) {
    return filled ? "fill=\"" + color + "\"" : "fill=\"white\" stroke=\"" + color + "\" stroke-width=\"1.5\"";
  }

  private static String dashArray(Dash dash) {
    float[] p = dash.pattern();
    if (p.length == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" stroke-dasharray=\"");
    for (int i = 0; i < p.length; i++) {
      sb.append(i == 0 ? "" : " ").append(Ticks.label(p[i]));
    }
    return sb.append('"').toString();
  }

  private static String points(double[] xs, double[] ys) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      sb.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xs[i], ys[i]));
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
