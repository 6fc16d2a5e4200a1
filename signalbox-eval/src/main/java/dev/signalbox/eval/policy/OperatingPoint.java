package dev.signalbox.eval.policy;

import java.util.List;

/**
 * One setting of a policy, as what it sent where: per data row the chosen model index (-1 for rows
 * it was not asked about). A mixture of several assignments with weights stands for a randomised
 * policy (the random router is every single model, each with weight 1/N).
 *
 * @param label e.g. {@code λ=0.01}
 * @param assignments one or more full-length choice arrays
 * @param weights their probabilities, summing to 1
 */
public record OperatingPoint(String label, List<int[]> assignments, double[] weights) {

  public static OperatingPoint of(String label, int[] choice) {
    return new OperatingPoint(label, List.of(choice), new double[] {1});
  }

  /** This point with another's choices for the rows it leaves out (stitching folds together). */
  public OperatingPoint merge(OperatingPoint other) {
    if (other.assignments.size() != assignments.size()) {
      throw new IllegalStateException("cannot merge points of different shapes: " + label);
    }
    for (int a = 0; a < assignments.size(); a++) {
      int[] mine = assignments.get(a);
      int[] theirs = other.assignments.get(a);
      for (int r = 0; r < mine.length; r++) {
        if (theirs[r] >= 0) {
          mine[r] = theirs[r];
        }
      }
    }
    return this;
  }
}
