package dev.signalbox.report.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Places point labels so that they overlap neither each other, nor the markers, nor the plot's
 * edge, and cross as few drawn lines as they can: each label tries boxes around its point, nearest
 * first in 16 directions out to {@link #MAX_DISTANCE}, and takes the cheapest that fits; one set
 * off from its point gets a leader line ({@link #draw}).
 */
public final class Labels {
  static final double GAP = 4;
  static final double MAX_DISTANCE = 160;
  private static final double STEP = 8;
  private static final double PADDING = 2;
  private static final double LEADER_FROM = GAP + 2 * STEP;
  private static final int DIRECTIONS = 16;
  /** The cost of a line through a label, in pixels of distance. */
  private static final double LINE_PENALTY = 6;

  private Labels() {}

  /** Text to put next to the point {@code (x, y)}. */
  public record Label(double x, double y, String text, double size) {}

  /** Where a label went: its text's box (drawn from the box's left at the baseline), with or without a leader. */
  public record Placed(Label label, Box box, boolean leader) {
    public double baseline() {
      return box.y() + TextMetrics.ascent(label.size());
    }
  }

  /**
   * Places {@code labels} in order inside {@code area}, off the {@code markers} (boxes no label
   * may cover) and off as many {@code linePoints} ({x, y} samples of drawn lines) as it can.
   */
  public static List<Placed> place(List<Label> labels, Box area, List<Box> markers, List<double[]> linePoints) {
    List<Placed> placed = new ArrayList<>();
    for (Label l : labels) {
      placed.add(placeOne(l, area, markers, linePoints, placed));
    }
    return placed;
  }

  /**
   * Draws the labels, and a leader line to each label set off from its point, starting
   * {@code clearance} pixels out from the point so that it does not cross the marker.
   */
  public static void draw(Canvas c, List<Placed> placed, String color, String leaderColor, double clearance) {
    for (Placed p : placed) {
      if (p.leader()) {
        double x = p.label().x();
        double y = p.label().y();
        double[] to = p.box().inflate(1).nearest(x, y);
        double d = Math.hypot(to[0] - x, to[1] - y);
        c.line(x + (to[0] - x) * clearance / d, y + (to[1] - y) * clearance / d, to[0], to[1], leaderColor, 0.9,
            Canvas.Dash.SOLID);
      }
      c.text(p.box().x(), p.baseline(), p.label().text(), p.label().size(), Canvas.Anchor.START, color);
    }
  }

  private static Placed placeOne(Label l, Box area, List<Box> markers, List<double[]> lines, List<Placed> placed) {
    double w = TextMetrics.width(l.text(), l.size());
    double h = TextMetrics.ascent(l.size()) + TextMetrics.descent(l.size());
    Box best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    Box fallback = null;
    double fallbackCost = Double.POSITIVE_INFINITY;
    for (double d = GAP; d <= MAX_DISTANCE; d += STEP) {
      for (int i = 0; i < DIRECTIONS; i++) {
        Box b = candidate(l.x(), l.y(), w, h, d, i);
        if (!area.contains(b)) {
          continue;
        }
        Box padded = b.inflate(PADDING);
        double cost = d + directionPenalty(i) + LINE_PENALTY * hits(b, lines);
        double clash = 0;
        for (Placed p : placed) {
          clash += overlap(padded, p.box());
        }
        for (Box m : markers) {
          clash += overlap(b, m);
        }
        if (clash == 0 && cost < bestCost) {
          best = b;
          bestCost = cost;
        } else if (best == null && cost + 100 * clash < fallbackCost) {
          fallback = b;
          fallbackCost = cost + 100 * clash;
        }
      }
      if (best != null && bestCost <= d + STEP) {
        break; // nothing farther can be cheaper
      }
    }
    Box chosen = best != null ? best : fallback != null ? fallback : clamp(candidate(l.x(), l.y(), w, h, GAP, 0), area);
    return new Placed(l, chosen, distance(chosen, l.x(), l.y()) >= LEADER_FROM);
  }

  /**
   * A box at distance {@code d} from the point in direction {@code i} (0 = right, counting
   * anticlockwise on screen): it extends away from the point on each axis the direction leans to.
   */
  private static Box candidate(double x, double y, double w, double h, double d, int i) {
    double a = 2 * Math.PI * i / DIRECTIONS;
    double ax = x + d * Math.cos(a);
    double ay = y - d * Math.sin(a);
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    double left = cos > 0.3 ? ax : cos < -0.3 ? ax - w : ax - w / 2;
    double top = sin > 0.3 ? ay - h : sin < -0.3 ? ay : ay - h / 2;
    return new Box(left, top, w, h);
  }

  /** Right of the point reads best, then above or below it on the right, then the rest. */
  private static double directionPenalty(int i) {
    int fromRight = Math.min(i, DIRECTIONS - i);
    return fromRight * 1.5;
  }

  private static int hits(Box b, List<double[]> points) {
    int n = 0;
    for (double[] p : points) {
      if (b.contains(p[0], p[1])) {
        n++;
      }
    }
    return n;
  }

  private static double overlap(Box a, Box b) {
    double w = Math.min(a.right(), b.right()) - Math.max(a.x(), b.x());
    double h = Math.min(a.bottom(), b.bottom()) - Math.max(a.y(), b.y());
    return w > 0 && h > 0 ? w * h : 0;
  }

  private static double distance(Box b, double x, double y) {
    double[] n = b.nearest(x, y);
    return Math.hypot(n[0] - x, n[1] - y);
  }

  private static Box clamp(Box b, Box area) {
    double x = Math.max(area.x(), Math.min(area.right() - b.w(), b.x()));
    double y = Math.max(area.y(), Math.min(area.bottom() - b.h(), b.y()));
    return new Box(x, y, b.w(), b.h());
  }
}
