package dev.signalbox.report.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;

/**
 * Text sizes in pixels, measured with the sans-serif font the PNG is drawn in, so a layout can
 * keep labels apart before anything is drawn. SVG viewers may pick a slightly narrower font.
 */
public final class TextMetrics {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
  private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private TextMetrics() {}

  /** The plot font at {@code size} pixels. */
  static Font font(double size) {
    return BASE.deriveFont((float) size);
  }

  public static double width(String text, double size) {
    return font(size).getStringBounds(text, CONTEXT).getWidth();
  }

  /** Height above the baseline. */
  public static double ascent(double size) {
    return metrics(size).getAscent();
  }

  /** Depth below the baseline. */
  public static double descent(double size) {
    return metrics(size).getDescent();
  }

  /** The box a text drawn at {@code (x, baseline)} with {@code anchor} covers. */
  public static Box box(double x, double baseline, String text, double size, Canvas.Anchor anchor) {
    double w = width(text, size);
    double left = switch (anchor) {
      case START -> x;
      case MIDDLE -> x - w / 2;
      case END -> x - w;
    };
    return new Box(left, baseline - ascent(size), w, ascent(size) + descent(size));
  }

  private static LineMetrics metrics(double size) {
    return font(size).getLineMetrics("Xg", CONTEXT);
  }
}
