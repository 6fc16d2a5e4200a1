package dev.signalbox.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * A {@link Canvas} that draws with Java2D into an image, for a PNG (works headless). With a
 * {@code scale} of 2 the image has twice the pixels each way, for sharp text on high-density screens.
 */
public final class ImageCanvas implements Canvas {
  private final BufferedImage image;
  private final Graphics2D g;

  public ImageCanvas(int width, int height, double scale) {
    image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
        BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.scale(scale, scale);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width, Dash dash) {
    stroke(color, width, dash);
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, Dash dash) {
    if (xs.length == 0) {
      return;
    }
    stroke(color, width, dash);
    g.draw(path(xs, ys, false));
  }

  @Override
  public void circle(double x, double y, double r, String color, boolean filled) {
    paint(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r), color, filled);
  }

  @Override
  public void polygon(double[] xs, double[] ys, String color, boolean filled) {
    if (xs.length > 0) {
      paint(path(xs, ys, true), color, filled);
    }
  }

  @Override
  public void text(double x, double y, String text, double size, Anchor anchor, String color) {
    g.setColor(Color.decode(color));
    g.setFont(TextMetrics.font(size));
    g.drawString(text, (float) TextMetrics.box(x, y, text, size, anchor).x(), (float) y);
  }

  @Override
  public void verticalText(double x, double y, String text, double size, String color) {
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(-Math.PI / 2);
    text(0, 0, text, size, Anchor.MIDDLE, color);
    g.setTransform(saved);
  }

  /** The finished image. */
  public BufferedImage image() {
    return image;
  }

  private void paint(Shape shape, String color, boolean filled) {
    g.setColor(filled ? Color.decode(color) : Color.WHITE);
    g.fill(shape);
    if (!filled) {
      stroke(color, 1.5, Dash.SOLID);
      g.draw(shape);
    }
  }

  private static Path2D path(double[] xs, double[] ys, boolean closed) {
    Path2D.Double path = new Path2D.Double();
    path.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      path.lineTo(xs[i], ys[i]);
    }
    if (closed) {
      path.closePath();
    }
    return path;
  }

  private void stroke(String color, double width, Dash dash) {
    g.setColor(Color.decode(color));
    float[] p = dash.pattern();
    g.setStroke(p.length == 0 ? new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
        : new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, p, 0));
  }
}
