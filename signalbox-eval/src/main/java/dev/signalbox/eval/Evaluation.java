package dev.signalbox.eval;

import dev.signalbox.report.console.ProgressBar;
import dev.signalbox.eval.policy.OperatingPoint;
import dev.signalbox.eval.policy.Policy;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Folds;
import dev.signalbox.learn.Frontier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays policies over a dataset and measures them: fit on training rows, route the test rows
 * (or every row by K-fold cross-validation), then per task and pooled compute each policy's
 * points, AIQ both ways, and for two-model pools APGR and CPT. c_max and c_min are shared by every
 * policy on a slice, as AIQ requires.
 */
public final class Evaluation {
  /** The name of the slice with every test row. */
  public static final String POOLED = "pooled";

  private Evaluation() {}

  /** A policy's measured results. */
  public record PolicyResult(String name, Policy.Kind kind, Map<String, SliceMetrics> slices, double taskMeanQuality) {}

  /** Everything a report shows. */
  public record Result(List<String> models, List<String> slices, Map<String, Integer> sliceSizes,
      List<PolicyResult> policies, String protocol) {}

  /** Fits on {@code train} and measures on {@code test}. */
  public static Result trainTest(EvalData data, List<Policy> policies, int[] train, int[] test) {
    Map<Policy, List<OperatingPoint>> runs = new LinkedHashMap<>();
    try (ProgressBar bar = ProgressBar.start("fitting and routing", policies.size())) {
      for (Policy p : policies) {
        runs.put(p, p.run(data, train, test));
        bar.advance(1);
      }
    }
    return measure(data, runs, test, "fit on " + train.length + " training prompts, measured on " + test.length + " test prompts");
  }

  /**
   * K-fold cross-validation: every row is measured by the policies fitted on the other folds. The
   * folds run side by side on a small pool (one thread per core, at most one per fold); each fold
   * runs its policies in order, so an ensemble finds its members' searches done.
   */
  public static Result crossValidate(EvalData data, List<Policy> policies, int folds, long seed) {
    int[] rows = data.data().allRows();
    List<Folds.Fold> split = Folds.split(rows, folds, seed);
    List<Map<Policy, List<OperatingPoint>>> perFold = new ArrayList<>();
    int threads = Math.max(1, Math.min(folds, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (ProgressBar bar = ProgressBar.start("cross-validation", (long) folds * policies.size())) {
      List<Future<Map<Policy, List<OperatingPoint>>>> futures = new ArrayList<>();
      for (Folds.Fold fold : split) {
        futures.add(pool.submit(() -> {
          Map<Policy, List<OperatingPoint>> runs = new LinkedHashMap<>();
          for (Policy p : policies) {
            runs.put(p, p.run(data, fold.train(), fold.test()));
            bar.advance(1);
          }
          return runs;
        }));
      }
      for (Future<Map<Policy, List<OperatingPoint>>> f : futures) {
        perFold.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("cross-validation interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Map<Policy, List<OperatingPoint>> runs = new LinkedHashMap<>();
    for (Map<Policy, List<OperatingPoint>> fold : perFold) {
      for (var e : fold.entrySet()) {
        List<OperatingPoint> sofar = runs.get(e.getKey());
        if (sofar == null) {
          runs.put(e.getKey(), e.getValue());
        } else {
          for (int i = 0; i < sofar.size(); i++) {
            sofar.get(i).merge(e.getValue().get(i));
          }
        }
      }
    }
    return measure(data, runs, rows, folds + "-fold cross-validation over " + rows.length + " prompts");
  }

  private static Result measure(EvalData data, Map<Policy, List<OperatingPoint>> runs, int[] test, String protocol) {
    Dataset d = data.data();
    Map<String, int[]> slices = new LinkedHashMap<>();
    slices.put(POOLED, test);
    for (String task : data.tasks()) {
      int[] rows = java.util.stream.IntStream.of(test).filter(r -> d.tasks()[r].equals(task)).toArray();
      if (rows.length > 0 && data.tasks().size() > 1) {
        slices.put(task, rows);
      }
    }
    Map<String, Map<Policy, List<double[]>>> raw = new LinkedHashMap<>();
    for (var slice : slices.entrySet()) {
      Map<Policy, List<double[]>> perPolicy = new LinkedHashMap<>();
      for (var run : runs.entrySet()) {
        List<double[]> pts = new ArrayList<>();
        for (OperatingPoint p : run.getValue()) {
          pts.add(point(d, p, slice.getValue()));
        }
        perPolicy.put(run.getKey(), pts);
      }
      raw.put(slice.getKey(), perPolicy);
    }
    // the strong model of a two-model pool: the better over the test rows (on a tie, the dearer)
    double[] pooledQuality = d.meanOver(d.quality(), test);
    double[] pooledCost = d.meanOver(d.cost(), test);
    int strong = d.modelCount() == 2 && (pooledQuality[1] > pooledQuality[0]
        || (pooledQuality[1] == pooledQuality[0] && pooledCost[1] > pooledCost[0])) ? 1 : 0;
    List<PolicyResult> results = new ArrayList<>();
    for (Policy p : runs.keySet()) {
      Map<String, SliceMetrics> bySlice = new LinkedHashMap<>();
      for (String slice : slices.keySet()) {
        bySlice.put(slice, sliceMetrics(d, raw.get(slice), p, slices.get(slice), strong));
      }
      results.add(new PolicyResult(p.name(), p.kind(), bySlice, taskMean(d, runs.get(p), slices, raw, p)));
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    slices.forEach((k, v) -> sizes.put(k, v.length));
    return new Result(d.models(), List.copyOf(slices.keySet()), sizes, results, protocol);
  }

  /** (cost, quality, share of each model) of one operating point over some rows. */
  static double[] point(Dataset d, OperatingPoint p, int[] rows) {
    double[] out = new double[2 + d.modelCount()];
    for (int a = 0; a < p.assignments().size(); a++) {
      int[] choice = p.assignments().get(a);
      double w = p.weights()[a] / rows.length;
      for (int r : rows) {
        int m = choice[r];
        out[0] += w * d.cost()[r][m];
        out[1] += w * d.quality()[r][m];
        out[2 + m] += w;
      }
    }
    return out;
  }

  /** One policy's metrics on a slice; {@code strong} is the two-model pool's better model over all test rows. */
  private static SliceMetrics sliceMetrics(Dataset d, Map<Policy, List<double[]>> slice, Policy p, int[] rows, int strong) {
    double cMax = 0;
    double cMin = Double.POSITIVE_INFINITY;
    for (List<double[]> pts : slice.values()) {
      for (double[] pt : pts) {
        cMax = Math.max(cMax, pt[0]);
        cMin = Math.min(cMin, pt[0]);
      }
    }
    List<Frontier.Point> points = new ArrayList<>();
    for (double[] pt : slice.get(p)) {
      points.add(new Frontier.Point(pt[0], pt[1]));
    }
    boolean costs = cMax > 0;
    double aiqMax = costs ? Frontier.aiqByMax(points, cMax) : Double.NaN;
    double aiqRange = costs ? Frontier.aiqByRange(points, cMin, cMax) : Double.NaN;
    double[] q = d.meanOver(d.quality(), rows);
    double[] c = d.meanOver(d.cost(), rows);
    double apgr = Double.NaN;
    double cpt50 = Double.NaN;
    double cpt80 = Double.NaN;
    boolean singleModel = p.name().startsWith("single:");
    if (d.modelCount() == 2 && !singleModel) {
      double qS = q[strong];
      double qW = q[1 - strong];
      if (qS != qW) {
        List<RouteLlmMetrics.Share> shares = new ArrayList<>();
        for (double[] pt : slice.get(p)) {
          shares.add(new RouteLlmMetrics.Share(pt[2 + strong], pt[1]));
        }
        apgr = RouteLlmMetrics.apgr(shares, qW, qS);
        cpt50 = RouteLlmMetrics.cpt(shares, qW, qS, 0.5);
        cpt80 = RouteLlmMetrics.cpt(shares, qW, qS, 0.8);
      }
    }
    Frontier.Point best = points.get(0);
    for (Frontier.Point pt : points) {
      if (pt.quality() > best.quality() || (pt.quality() == best.quality() && pt.cost() < best.cost())) {
        best = pt;
      }
    }
    double bestSingle = Double.NEGATIVE_INFINITY;
    for (double v : q) {
      bestSingle = Math.max(bestSingle, v);
    }
    double toMatch = Double.NaN;
    for (Frontier.Point pt : points) {
      if (pt.quality() >= bestSingle - 1e-12 && (Double.isNaN(toMatch) || pt.cost() < toMatch)) {
        toMatch = pt.cost();
      }
    }
    return new SliceMetrics(points, aiqMax, aiqRange, apgr, cpt50, cpt80, best, toMatch);
  }

  /** The mean over tasks of the quality at the policy's best pooled point (RouterDC's "average"). */
  private static double taskMean(Dataset d, List<OperatingPoint> points, Map<String, int[]> slices,
      Map<String, Map<Policy, List<double[]>>> raw, Policy p) {
    List<double[]> pooled = raw.get(POOLED).get(p);
    int best = 0;
    for (int i = 1; i < pooled.size(); i++) {
      if (pooled.get(i)[1] > pooled.get(best)[1]
          || (pooled.get(i)[1] == pooled.get(best)[1] && pooled.get(i)[0] < pooled.get(best)[0])) {
        best = i;
      }
    }
    if (slices.size() == 1) {
      return pooled.get(best)[1];
    }
    double sum = 0;
    int n = 0;
    for (String slice : slices.keySet()) {
      if (!slice.equals(POOLED)) {
        sum += raw.get(slice).get(p).get(best)[1];
        n++;
      }
    }
    return sum / n;
  }
}
