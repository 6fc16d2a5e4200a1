package dev.signalbox.eval.policy;

import dev.signalbox.eval.EvalData;
import java.util.List;

/**
 * A routing policy under offline evaluation: fitted on training rows (if it learns), then asked
 * about the test rows at each of its operating points. The number of points must not depend on
 * the rows, so that cross-validation folds can be stitched together.
 */
public interface Policy {

  /** What a report calls it, e.g. {@code knn} or {@code single:gpt-4}. */
  String name();

  Kind kind();

  /** The operating points on {@code test}, after fitting on {@code train}. */
  List<OperatingPoint> run(EvalData data, int[] train, int[] test);

  /** Where a policy stands in a report. */
  enum Kind {
    /** A reference that needs no learning (a single model, random, ...). */
    BASELINE,
    /** A router fitted on the training rows, over its λ sweep. */
    ROUTER,
    /** A route of a configuration, replayed as the gateway serves it: one point. */
    ROUTE,
    /** Knows the test rows' answers. */
    ORACLE;

    public String label() {
      return name().toLowerCase();
    }
  }

  /** A full-length choice array with -1 everywhere. */
  static int[] blank(EvalData data) {
    int[] a = new int[data.records().size()];
    java.util.Arrays.fill(a, -1);
    return a;
  }
}
