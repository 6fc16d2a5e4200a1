package dev.signalbox.report.plot;

import java.util.List;

/** A boxed list of series samples (a line, a marker, or both) with their names, and an optional heading. */
public final class Legend {
  private static final double PAD = 8;
  private static final double SAMPLE = 30;
  private static final double GAP = 7;

  /** One row: a line sample in {@code dash} unless {@code dash} is null, and {@code marker} on it unless null. */
  public record Entry(String label, String color, Canvas.Dash dash, Canvas.Marker marker, boolean filled) {}

  private final String heading;
  private final List<Entry> entries;
  private final double size;

  /** A legend in text of {@code size} pixels; {@code heading} may be null. */
  public Legend(String heading, List<Entry> entries, double size) {
    this.heading = heading;
    this.entries = List.copyOf(entries);
    this.size = size;
  }

  public double width() {
    double w = heading == null ? 0 : TextMetrics.width(heading, size);
    for (Entry e : entries) {
      w = Math.max(w, SAMPLE + GAP + TextMetrics.width(e.label(), size));
    }
    return w + 2 * PAD;
  }

  public double height() {
    return 2 * PAD + rowHeight() * (entries.size() + (heading == null ? 0 : 1)) - (rowHeight() - size * 1.2);
  }

  /** Draws the legend with its top left corner at {@code (x, y)}. */
  public void draw(Canvas c, double x, double y) {
    c.box(new Box(x, y, width(), height()), "#b0b0b0");
    double baseline = y + PAD + TextMetrics.ascent(size);
    if (heading != null) {
      c.text(x + PAD, baseline, heading, size, Canvas.Anchor.START, "#404040");
      baseline += rowHeight();
    }
    for (Entry e : entries) {
      double mid = baseline - TextMetrics.ascent(size) * 0.35;
      if (e.dash() != null) {
        c.line(x + PAD, mid, x + PAD + SAMPLE, mid, e.color(), 2, e.dash());
      }
      if (e.marker() != null) {
        c.marker(x + PAD + SAMPLE / 2, mid, 4, e.marker(), e.color(), e.filled());
      }
      c.text(x + PAD + SAMPLE + GAP, baseline, e.label(), size, Canvas.Anchor.START, "#000000");
      baseline += rowHeight();
    }
  }

  private double rowHeight() {
    return size * 1.55;
  }
}
