package dev.signalbox.core.plot;

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
  public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
        x1, y1, x2, y2, color, width, dashed ? " stroke-dasharray=\"6 4\"" : ""));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, boolean dashed) {
    svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
        .append(String.format(Locale.ROOT, "%.1f", width)).append('"')
        .append(dashed ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"");
    for (int i = 0; i < xs.length; i++) {
      svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
    }
    svg.append("\"/>\n");
  }

  @Override
  public void circle(double x, double y, double r, String color, boolean filled) {
    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" %s/>%n", x, y, r,
        filled ? "fill=\"" + color + "\"" : "fill=\"white\" stroke=\"" + color + "\" stroke-width=\"1.5\""));
  }

  @Override
  public void text(double x, double y, String text, double size, Anchor anchor, String color) {
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
        x, y, size, anchor.name().toLowerCase(Locale.ROOT), color, escape(text)));
  }

  @Override
  public void verticalText(double x, double y, String text, double size, String color) {
    svg.append(String.format(Locale.ROOT,
        "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" font-size=\"%.0f\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
        x, y, size, color, escape(text)));
  }

  /** The finished document. */
  public String document() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"sans-serif\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + svg + "</svg>\n";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
