package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.learn.quality.NeuralQuality.Settings;
import dev.signalbox.learn.quality.NeuralQuality.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality learners by name, each with the hyperparameter grid that cross-validation searches
 * when a setting is not given: {@code knn}, {@code cluster}, {@code logistic}, {@code mlp}, {@code mf}, {@code task}
 * (the task prior). A spec such as
 * {@code knn:k=20} fixes k and searches the rest.
 */
public final class QualityModels {
  /** Every learner family. */
  public static final List<String> KINDS = List.of("knn", "cluster", "logistic", "mlp", "mf", "task");

  private QualityModels() {}

  /** Reads a fitted model written by {@link QualityModel#toJson()}. */
  public static QualityModel fromJson(JsonNode n) {
    String kind = n.path("kind").asText();
    switch (kind) {
      case "knn":
        return KnnQuality.fromJson(n);
      case "logistic":
      case "mlp":
      case "mf":
        return NeuralQuality.fromJson(n);
      case "cluster":
        return ClusterQuality.fromJson(n);
      case "ensemble":
        return EnsembleQuality.fromJson(n);
      case "stack":
        return StackedQuality.fromJson(n);
      case "task":
        return TaskPriorQuality.fromJson(n);
      default:
        throw new IllegalArgumentException("unknown quality model kind '" + kind + "'");
    }
  }

  /**
   * The candidate learners of one family: the grid with any fixed settings applied.
   *
   * @param kind a family name
   * @param fixed settings given by the user, e.g. {@code {k=20}}
   */
  public static List<QualityLearner> grid(String kind, Map<String, String> fixed) {
    List<QualityLearner> out = new ArrayList<>();
    switch (kind) {
      case "knn":
        for (int k : ints(fixed, "k", 10, 25, 50)) {
          for (double shrink : doubles(fixed, "shrink", 5, 20, 100)) {
            for (int wide : ints(fixed, "wide", 0, 200, 1000)) {
              out.add(KnnQuality.learner(k, shrink, wide));
            }
          }
        }
        check(fixed, "k", "shrink", "wide");
        break;
      case "cluster":
        for (int clusters : ints(fixed, "clusters", 4, 8, 16, 32, 64)) {
          for (double shrink : doubles(fixed, "shrink", 10)) {
            out.add(ClusterQuality.learner(clusters, shrink));
          }
        }
        check(fixed, "clusters", "shrink");
        break;
      case "logistic":
        for (double l2 : doubles(fixed, "l2", 1e-4, 1e-3, 1e-2)) {
          out.add(NeuralQuality.learner(new Settings(Shape.LOGISTIC, 0, ints(fixed, "epochs", 20).get(0),
              doubles(fixed, "lr", 3e-3).get(0), l2)));
        }
        check(fixed, "l2", "epochs", "lr");
        break;
      case "mlp":
        for (int h : ints(fixed, "hidden", 64)) {
          for (double l2 : doubles(fixed, "l2", 1e-4, 1e-3)) {
            out.add(NeuralQuality.learner(new Settings(Shape.MLP, h, ints(fixed, "epochs", 20).get(0),
                doubles(fixed, "lr", 1e-3).get(0), l2)));
          }
        }
        check(fixed, "hidden", "l2", "epochs", "lr");
        break;
      case "mf":
        for (int rank : ints(fixed, "rank", 16, 64)) {
          out.add(NeuralQuality.learner(new Settings(Shape.MF, rank, ints(fixed, "epochs", 20).get(0),
              doubles(fixed, "lr", 1e-3).get(0), doubles(fixed, "l2", 1e-4).get(0))));
        }
        check(fixed, "rank", "l2", "epochs", "lr");
        break;
      case "task":
        for (double l2 : doubles(fixed, "l2", 1e-4, 1e-3)) {
          out.add(TaskPriorQuality.learner(l2));
        }
        check(fixed, "l2");
        break;
      default:
        throw new IllegalArgumentException("unknown learner '" + kind + "'; known: " + String.join(", ", KINDS));
    }
    return out;
  }

  /**
   * A learner that fits every member on the same rows (member i with seed + i) and combines the
   * fitted models; its spec is {@code name(member + member ...)}.
   */
  static QualityLearner composite(String name, List<QualityLearner> members,
      java.util.function.Function<List<QualityModel>, QualityModel> combine) {
    return new QualityLearner() {
      @Override
      public String spec() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < members.size(); i++) {
          sb.append(i == 0 ? "" : " + ").append(members.get(i).spec());
        }
        return sb.append(')').toString();
      }

      @Override
      public QualityModel fit(dev.signalbox.learn.Dataset data, int[] rows, long seed) {
        List<QualityModel> fitted = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
          fitted.add(members.get(i).fit(data, rows, seed + i));
        }
        return combine.apply(fitted);
      }
    };
  }

  /** A number as short text: 0.001 → 0.001, 2.0 → 2. */
  public static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
  }

  private static void check(Map<String, String> fixed, String... known) {
    for (String key : fixed.keySet()) {
      if (!List.of(known).contains(key)) {
        throw new IllegalArgumentException("unknown setting '" + key + "'; this learner takes " + String.join(", ", known));
      }
    }
  }

  private static List<Integer> ints(Map<String, String> fixed, String key, int... grid) {
    return values(fixed, key, Integer::parseInt, "an integer", java.util.Arrays.stream(grid).boxed().toList());
  }

  private static List<Double> doubles(Map<String, String> fixed, String key, double... grid) {
    return values(fixed, key, Double::parseDouble, "a number", java.util.Arrays.stream(grid).boxed().toList());
  }

  /** The one value the user fixed for a setting, else the grid. */
  private static <T> List<T> values(Map<String, String> fixed, String key, java.util.function.Function<String, T> parse,
      String what, List<T> grid) {
    if (!fixed.containsKey(key)) {
      return grid;
    }
    try {
      return List.of(parse.apply(fixed.get(key)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be " + what + ", got '" + fixed.get(key) + "'");
    }
  }

  /** Splits {@code name:k=v,k=v} into the name and its settings. */
  public static Map.Entry<String, Map<String, String>> parseSpec(String spec) {
    int colon = spec.indexOf(':');
    String name = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    Map<String, String> settings = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String kv : spec.substring(colon + 1).split(",")) {
        if (kv.isBlank()) {
          continue;
        }
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("expected key=value in '" + spec + "', got '" + kv + "'");
        }
        settings.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return Map.entry(name, settings);
  }
}
