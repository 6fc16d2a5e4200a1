package dev.signalbox.eval.policy;

import dev.signalbox.eval.EvalData;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Knob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baselines every report shows beside the routers (routing-metrics.md §3): each single model,
 * random, the zero router, a task-aware router, and two oracles: per task and per prompt.
 */
public final class Baselines {
  private Baselines() {}

  /** Every baseline for a pool of models. */
  public static List<Policy> all(List<String> models) {
    List<Policy> out = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      out.add(single(models.get(m), m));
    }
    out.add(random());
    out.add(zeroRouter());
    out.add(taskAware());
    out.add(taskOracle());
    out.add(oracle());
    return out;
  }

  /** Always the same model. */
  public static Policy single(String model, int index) {
    return simple("single:" + model, Policy.Kind.BASELINE, (data, train, test) -> {
      int[] a = Policy.blank(data);
      for (int r : test) {
        a[r] = index;
      }
      return List.of(OperatingPoint.of(model, a));
    });
  }

  /** Uniformly random: in expectation, the mean of the single models. */
  public static Policy random() {
    return simple("random", Policy.Kind.BASELINE, (data, train, test) -> {
      int models = data.data().modelCount();
      List<int[]> all = new ArrayList<>();
      double[] w = new double[models];
      for (int m = 0; m < models; m++) {
        int[] a = Policy.blank(data);
        for (int r : test) {
          a[r] = m;
        }
        all.add(a);
        w[m] = 1.0 / models;
      }
      return List.of(new OperatingPoint("uniform", all, w));
    });
  }

  /** RouterBench's zero router: the single models' points, whose hull it is. */
  public static Policy zeroRouter() {
    return simple("zero-router", Policy.Kind.BASELINE, (data, train, test) -> {
      List<OperatingPoint> points = new ArrayList<>();
      for (int m = 0; m < data.data().modelCount(); m++) {
        points.addAll(single(data.data().models().get(m), m).run(data, train, test));
      }
      return points;
    });
  }

  /**
   * Per task label, the model maximising training {@code quality − λ·cost/s}, over the λ sweep
   * (routing-metrics.md §4.1). Uses the dataset's task labels, which a gateway does not have.
   */
  public static Policy taskAware() {
    return simple("task-aware", Policy.Kind.BASELINE, (data, train, test) -> perTask(data, train, test));
  }

  /**
   * The task-aware router fitted on the test rows themselves: the best any router that knows only
   * the task could do on this data, in hindsight. A router above it tells prompts of one task apart.
   */
  public static Policy taskOracle() {
    return simple("task-oracle", Policy.Kind.ORACLE, (data, train, test) -> perTask(data, test, test));
  }

  /** For each test row, the model with the best mean {@code quality − λ·cost/s} over its task's {@code fit} rows. */
  private static List<OperatingPoint> perTask(EvalData data, int[] fit, int[] test) {
    Dataset d = data.data();
    Map<String, List<Integer>> byTask = new HashMap<>();
    for (int r : fit) {
      byTask.computeIfAbsent(d.tasks()[r], t -> new ArrayList<>()).add(r);
    }
    Map<String, double[][]> means = new HashMap<>();
    for (var e : byTask.entrySet()) {
      int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      means.put(e.getKey(), new double[][] {d.meanOver(d.quality(), rows), d.meanOver(d.cost(), rows)});
    }
    double[][] overall = {d.meanOver(d.quality(), fit), d.meanOver(d.cost(), fit)};
    double scale = 0;
    for (double c : overall[1]) {
      scale = Math.max(scale, c);
    }
    List<OperatingPoint> points = new ArrayList<>();
    for (double lambda : Knob.sweep()) {
      int[] a = Policy.blank(data);
      for (int r : test) {
        double[][] m = means.getOrDefault(d.tasks()[r], overall);
        a[r] = Knob.choose(m[0], m[1], scale > 0 ? scale : 1, lambda);
      }
      points.add(OperatingPoint.of("λ=" + lambda, a));
    }
    return points;
  }

  /**
   * The per-prompt oracle: the cheapest model among those with the best score; when every score is
   * 0 ({@code no_model_correct}) the cheapest model.
   */
  public static Policy oracle() {
    return simple("oracle", Policy.Kind.ORACLE, (data, train, test) -> {
      Dataset d = data.data();
      int[] a = Policy.blank(data);
      for (int r : test) {
        a[r] = oracleChoice(d.quality()[r], d.cost()[r]);
      }
      return List.of(OperatingPoint.of("oracle", a));
    });
  }

  /** The oracle's pick for one row. */
  public static int oracleChoice(double[] quality, double[] cost) {
    double max = Double.NEGATIVE_INFINITY;
    for (double q : quality) {
      max = Math.max(max, q);
    }
    int best = -1;
    for (int m = 0; m < quality.length; m++) {
      if ((quality[m] == max || max <= 0) && (best < 0 || cost[m] < cost[best])) {
        best = m;
      }
    }
    return best;
  }

  interface Runner {
    List<OperatingPoint> run(EvalData data, int[] train, int[] test);
  }

  static Policy simple(String name, Policy.Kind kind, Runner runner) {
    return new Policy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Kind kind() {
        return kind;
      }

      @Override
      public List<OperatingPoint> run(EvalData data, int[] train, int[] test) {
        return runner.run(data, train, test);
      }
    };
  }
}
