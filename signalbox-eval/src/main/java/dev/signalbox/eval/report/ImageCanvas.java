package dev.signalbox.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/** A {@link Canvas} that paints with Java2D (headless) into an image for PNG. */
final class ImageCanvas implements Canvas {
  private final BufferedImage image;
  private final Graphics2D g;

  ImageCanvas(int width, int height) {
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
    stroke(color, width, dashed);
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < xs.length; i++) {
      if (i == 0) {
        path.moveTo(xs[i], ys[i]);
      } else {
        path.lineTo(xs[i], ys[i]);
      }
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
  public void text(double x, double y, String text, double size, String color, String anchor) {
    g.setColor(Color.decode(color));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
    int w = g.getFontMetrics().stringWidth(text);
    double dx = anchor.equals("middle") ? -w / 2.0 : anchor.equals("end") ? -w : 0;
    g.drawString(text, (float) (x + dx), (float) y);
  }

  private void stroke(String color, double width, boolean dashed) {
    g.setColor(Color.decode(color));
    g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
        new float[] {5f, 4f}, 0f) : new BasicStroke((float) width));
  }

  BufferedImage finish() {
    g.dispose();
    return image;
  }
}
