package dev.signalbox.core.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/** A {@link Canvas} that draws with Java2D into an image, for a PNG (works headless). */
public final class ImageCanvas implements Canvas {
  private final BufferedImage image;
  private final Graphics2D g;

  public ImageCanvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
    stroke(color, width, dashed);
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, String color, double width, boolean dashed) {
    if (xs.length == 0) {
      return;
    }
    stroke(color, width, dashed);
    Path2D.Double path = new Path2D.Double();
    path.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      path.lineTo(xs[i], ys[i]);
    }
    g.draw(path);
  }

  @Override
  public void circle(double x, double y, double r, String color, boolean filled) {
    Ellipse2D.Double dot = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
    if (filled) {
      g.setColor(Color.decode(color));
      g.fill(dot);
    } else {
      g.setColor(Color.WHITE);
      g.fill(dot);
      stroke(color, 1.5, false);
      g.draw(dot);
    }
  }

  @Override
  public void text(double x, double y, String text, double size, Anchor anchor, String color) {
    g.setColor(Color.decode(color));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
    double w = g.getFontMetrics().stringWidth(text);
    double left = anchor == Anchor.START ? x : anchor == Anchor.MIDDLE ? x - w / 2 : x - w;
    g.drawString(text, (float) left, (float) y);
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

  private void stroke(String color, double width, boolean dashed) {
    g.setColor(Color.decode(color));
    g.setStroke(dashed
        ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0)
        : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
  }
}
