package dev.signalbox.learn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cost–quality frontier arithmetic from RouterBench (Hu et al. 2024): the non-decreasing convex
 * hull of operating points and the area under it, which AIQ normalises.
 */
public final class Frontier {
  private Frontier() {}

  /** A (cost, quality) operating point. */
  public record Point(double cost, double quality) {}

  /**
   * The non-decreasing convex hull: the upper concave envelope of the points starting at the
   * cheapest one (the best of those at that cost), with every point that costs more without being
   * better dropped. Sorted by cost; quality strictly increases along it.
   */
  public static List<Point> hull(List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(Point::cost).thenComparing(Point::quality, Comparator.reverseOrder()));
    List<Point> hull = new ArrayList<>();
    for (Point p : sorted) {
      if (!hull.isEmpty() && p.quality() <= hull.get(hull.size() - 1).quality()) {
        continue; // dominated: costs at least as much, is no better
      }
      while (hull.size() >= 2 && !above(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p)) {
        hull.remove(hull.size() - 1);
      }
      hull.add(p);
    }
    return hull;
  }

  /** Whether b lies strictly above the segment from a to c. */
  private static boolean above(Point a, Point b, Point c) {
    double cross = (b.cost() - a.cost()) * (c.quality() - a.quality()) - (b.quality() - a.quality()) * (c.cost() - a.cost());
    return cross < 0;
  }

  /**
   * The area under the hull from its first point to {@code cMax}, extended flat after its last
   * point (trapezoids, as RouterBench's {@code AIQ.py}).
   */
  public static double area(List<Point> hull, double cMax) {
    double area = 0;
    for (int i = 1; i < hull.size(); i++) {
      Point a = hull.get(i - 1);
      Point b = hull.get(i);
      area += (b.cost() - a.cost()) * (a.quality() + b.quality()) / 2;
    }
    Point last = hull.get(hull.size() - 1);
    if (cMax > last.cost()) {
      area += (cMax - last.cost()) * last.quality();
    }
    return area;
  }

  /** AIQ as RouterBench's code computes it: the hull's area divided by {@code cMax}. */
  public static double aiqByMax(List<Point> points, double cMax) {
    return cMax > 0 ? area(hull(points), cMax) / cMax : Double.NaN;
  }

  /** AIQ as RouterBench's paper defines it: the hull's area divided by the cost range. */
  public static double aiqByRange(List<Point> points, double cMin, double cMax) {
    return cMax > cMin ? area(hull(points), cMax) / (cMax - cMin) : Double.NaN;
  }
}
