package dev.signalbox.learn.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.learn.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GreenServ's task-type classifier: multinomial logistic regression on the prompt embedding,
 * {@code p(l | e) = softmax(W e + b)}, with balanced class weights and an L2 penalty of {@code C =
 * 1} (arXiv 2601.17551, {@code src/feature_extractor/task_type.py}). GreenServ embeds the first
 * three lines of the prompt; Signalbox reuses the prompt embedding the router already has (its
 * last block), so the task costs no second embedding.
 */
public final class TaskClassifier implements TaskModel {
  private static final int STEPS = 300;
  private static final double LEARNING_RATE = 0.05;

  private final List<String> labels;
  private final float[][] weights;
  private final float[] bias;

  private TaskClassifier(List<String> labels, float[][] weights, float[] bias) {
    this.labels = List.copyOf(labels);
    this.weights = weights;
    this.bias = bias;
  }

  /**
   * Fits the classifier on labelled embeddings by full-batch Adam on the penalised, class-weighted
   * cross-entropy; deterministic (zero start, no sampling).
   */
  public static TaskClassifier fit(List<float[]> embeddings, List<String> taskLabels) {
    Map<String, Integer> index = new LinkedHashMap<>();
    taskLabels.forEach(t -> index.putIfAbsent(t, index.size()));
    List<String> labels = new ArrayList<>(index.keySet());
    int classes = labels.size();
    int n = embeddings.size();
    int dims = embeddings.get(0).length;
    int[] y = new int[n];
    double[] classCount = new double[classes];
    for (int i = 0; i < n; i++) {
      y[i] = index.get(taskLabels.get(i));
      classCount[y[i]]++;
    }
    double[] sampleWeight = new double[n];
    for (int i = 0; i < n; i++) {
      sampleWeight[i] = n / (classes * classCount[y[i]]);
    }
    int params = classes * (dims + 1);
    double[] w = new double[params];
    double[] m = new double[params];
    double[] v = new double[params];
    double[] grad = new double[params];
    double[] logits = new double[classes];
    double l2 = 1.0 / n; // sklearn's C = 1 on the summed loss, written per sample
    for (int step = 1; step <= STEPS; step++) {
      java.util.Arrays.fill(grad, 0);
      for (int i = 0; i < n; i++) {
        float[] e = embeddings.get(i);
        for (int c = 0; c < classes; c++) {
          double z = w[c * (dims + 1) + dims];
          for (int d = 0; d < dims; d++) {
            z += w[c * (dims + 1) + d] * e[d];
          }
          logits[c] = z;
        }
        softmaxInPlace(logits);
        for (int c = 0; c < classes; c++) {
          double g = sampleWeight[i] * (logits[c] - (c == y[i] ? 1 : 0)) / n;
          int base = c * (dims + 1);
          for (int d = 0; d < dims; d++) {
            grad[base + d] += g * e[d];
          }
          grad[base + dims] += g;
        }
      }
      for (int p = 0; p < params; p++) {
        boolean isBias = p % (dims + 1) == dims;
        double g = grad[p] + (isBias ? 0 : l2 * w[p]);
        m[p] = 0.9 * m[p] + 0.1 * g;
        v[p] = 0.999 * v[p] + 0.001 * g * g;
        double mHat = m[p] / (1 - Math.pow(0.9, step));
        double vHat = v[p] / (1 - Math.pow(0.999, step));
        w[p] -= LEARNING_RATE * mHat / (Math.sqrt(vHat) + 1e-8);
      }
    }
    float[][] weights = new float[classes][dims];
    float[] bias = new float[classes];
    for (int c = 0; c < classes; c++) {
      for (int d = 0; d < dims; d++) {
        weights[c][d] = (float) w[c * (dims + 1) + d];
      }
      bias[c] = (float) w[c * (dims + 1) + dims];
    }
    return new TaskClassifier(labels, weights, bias);
  }

  @Override
  public List<String> labels() {
    return labels;
  }

  @Override
  public double[] probabilities(Signals signals) {
    double[] p = new double[labels.size()];
    if (!signals.hasEmbedding() || signals.embedding().length != weights[0].length) {
      return p;
    }
    for (int c = 0; c < p.length; c++) {
      p[c] = bias[c] + Vectors.dot(weights[c], signals.embedding());
    }
    softmaxInPlace(p);
    return p;
  }

  @Override
  public boolean needsEmbedding() {
    return true;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "classifier");
    n.set("labels", Json.MAPPER.valueToTree(labels));
    n.put("dimensions", weights[0].length);
    n.put("weights", Vectors.encode(Vectors.flatten(weights)));
    n.put("bias", Vectors.encode(bias));
    return n;
  }

  /** The task model a snapshot describes: a fitted classifier, or the heuristic. */
  public static TaskModel fromJson(JsonNode n) {
    if (!"classifier".equals(n.path("kind").asText())) {
      return new HeuristicTasks();
    }
    List<String> labels = new ArrayList<>();
    n.get("labels").forEach(l -> labels.add(l.asText()));
    return new TaskClassifier(labels, Vectors.unflatten(Vectors.decode(n.get("weights").asText()), n.get("dimensions").asInt()),
        Vectors.decode(n.get("bias").asText()));
  }

  private static void softmaxInPlace(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : z) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.exp(z[i] - max);
      sum += z[i];
    }
    for (int i = 0; i < z.length; i++) {
      z[i] /= sum;
    }
  }
}
