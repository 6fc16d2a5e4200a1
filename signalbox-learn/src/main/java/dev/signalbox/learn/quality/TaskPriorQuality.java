package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import dev.signalbox.learn.quality.NeuralQuality.Settings;
import dev.signalbox.learn.quality.NeuralQuality.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task-aware router that infers the task: a classifier (one logistic regression per task over
 * the embedding, token count and lexical features) trained on the training prompts' task labels,
 * and each model's mean quality per task. The prediction is the classifier's task probabilities
 * (normalised) times those means. The gateway never sees task labels; the trace's label is only
 * the training target. On its own it is the task-aware baseline without labels; as a member of a
 * stack it is the prior that prompt-level estimates are shrunk towards.
 */
public final class TaskPriorQuality implements QualityModel {
  /** Pseudo-prompts of the overall mean added to each task's mean, so a rare task is not a fluke. */
  static final double SHRINK = 5;

  private final List<String> tasks;
  private final NeuralQuality classifier;
  private final double[][] means;

  TaskPriorQuality(List<String> tasks, NeuralQuality classifier, double[][] means) {
    this.tasks = List.copyOf(tasks);
    this.classifier = classifier;
    this.means = means;
  }

  public static QualityLearner learner(double l2) {
    return new QualityLearner() {
      @Override
      public String spec() {
        return "task:l2=" + QualityModels.num(l2);
      }

      @Override
      public QualityModel fit(Dataset data, int[] rows, long seed) {
        return TaskPriorQuality.fit(data, rows, l2, seed);
      }
    };
  }

  static TaskPriorQuality fit(Dataset data, int[] rows, double l2, long seed) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int r : rows) {
      index.putIfAbsent(data.tasks()[r], index.size());
    }
    List<String> tasks = new ArrayList<>(index.keySet());
    double[] overall = data.meanOver(data.quality(), rows);
    double[][] sum = new double[tasks.size()][overall.length];
    double[][] count = new double[tasks.size()][overall.length];
    float[][] x = new float[rows.length][];
    float[][] y = new float[rows.length][tasks.size()];
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      int t = index.get(data.tasks()[r]);
      x[i] = NeuralQuality.input(data.features()[r]);
      y[i][t] = 1;
      for (int m = 0; m < overall.length; m++) {
        double q = data.quality()[r][m];
        if (!Double.isNaN(q)) {
          sum[t][m] += q;
          count[t][m]++;
        }
      }
    }
    double[][] means = new double[tasks.size()][overall.length];
    for (int t = 0; t < means.length; t++) {
      for (int m = 0; m < overall.length; m++) {
        double prior = Double.isNaN(overall[m]) ? 0 : overall[m];
        means[t][m] = (sum[t][m] + SHRINK * prior) / (count[t][m] + SHRINK);
      }
    }
    NeuralQuality classifier = tasks.size() < 2 ? null
        : NeuralQuality.fit(new Settings(Shape.LOGISTIC, 0, 20, 1e-2, l2), x, y, seed);
    return new TaskPriorQuality(tasks, classifier, means);
  }

  /** The probability of each task (in {@link #tasks()} order) for a prompt. */
  public double[] taskProbabilities(Features x) {
    if (classifier == null) {
      return new double[] {1};
    }
    double[] p = classifier.outputs(NeuralQuality.input(x, classifier.inputs()));
    double total = 0;
    for (double v : p) {
      total += v;
    }
    for (int t = 0; t < p.length; t++) {
      p[t] = total > 0 ? p[t] / total : 1.0 / p.length;
    }
    return p;
  }

  public List<String> tasks() {
    return tasks;
  }

  @Override
  public double[] predict(Features x) {
    return mix(taskProbabilities(x), means);
  }

  /** Σ_t p_t · means[t]. */
  static double[] mix(double[] p, double[][] means) {
    double[] out = new double[means[0].length];
    for (int t = 0; t < p.length; t++) {
      for (int m = 0; m < out.length; m++) {
        out[m] += p[t] * means[t][m];
      }
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "task");
    n.set("tasks", Json.MAPPER.valueToTree(tasks));
    n.set("means", Json.MAPPER.valueToTree(means));
    if (classifier != null) {
      n.set("classifier", classifier.toJson());
    }
    return n;
  }

  static TaskPriorQuality fromJson(JsonNode n) {
    List<String> tasks = new ArrayList<>();
    n.get("tasks").forEach(t -> tasks.add(t.asText()));
    return new TaskPriorQuality(tasks, n.has("classifier") ? NeuralQuality.fromJson(n.get("classifier")) : null,
        Json.MAPPER.convertValue(n.get("means"), double[][].class));
  }
}
