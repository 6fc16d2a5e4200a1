package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import dev.signalbox.learn.Similarity;
import dev.signalbox.learn.Vectors;
import java.util.Random;

/**
 * Quality per cluster of prompts: spherical k-means over the training embeddings, then each
 * model's mean quality in each cluster, shrunk towards its overall mean by {@code shrink}
 * pseudo-prompts. A task-aware router that finds its tasks (and sub-topics) without labels: its
 * estimates rest on many prompts each, so the best-looking model is rarely a fluke.
 */
public final class ClusterQuality implements QualityModel {
  private static final int ITERATIONS = 15;

  private final float[][] centroids;
  private final double[][] means;

  ClusterQuality(float[][] centroids, double[][] means) {
    this.centroids = centroids;
    this.means = means;
  }

  public static QualityLearner learner(int clusters, double shrink) {
    return new QualityLearner() {
      @Override
      public String spec() {
        return "cluster:clusters=" + clusters + ",shrink=" + QualityModels.num(shrink);
      }

      @Override
      public QualityModel fit(Dataset data, int[] rows, long seed) {
        return fitColumn(data, data.quality(), rows, clusters, shrink, seed);
      }
    };
  }

  /**
   * Clusters some rows and remembers each model's mean of any per-model column (quality, output
   * tokens) per cluster, shrunk towards its mean over the rows by {@code shrink} pseudo-prompts.
   */
  public static ClusterQuality fitColumn(Dataset data, double[][] column, int[] rows, int clusters, double shrink,
      long seed) {
    float[][] centroids = kMeans(data, rows, Math.min(clusters, rows.length), seed);
    double[] prior = data.meanOver(column, rows);
    double[][] sum = new double[centroids.length][prior.length];
    double[][] count = new double[centroids.length][prior.length];
    for (int r : rows) {
      int c = nearest(centroids, data.features()[r].embedding());
      for (int m = 0; m < prior.length; m++) {
        double v = column[r][m];
        if (!Double.isNaN(v)) {
          sum[c][m] += v;
          count[c][m]++;
        }
      }
    }
    double[][] means = new double[centroids.length][prior.length];
    for (int c = 0; c < centroids.length; c++) {
      for (int m = 0; m < prior.length; m++) {
        means[c][m] = (sum[c][m] + shrink * prior[m]) / (count[c][m] + shrink);
      }
    }
    return new ClusterQuality(centroids, means);
  }

  /** Spherical k-means with k-means++ seeding: centroids are unit vectors, similarity is the dot product. */
  static float[][] kMeans(Dataset data, int[] rows, int k, long seed) {
    Random rnd = new Random(seed);
    int n = rows.length;
    float[][] vectors = new float[n][];
    for (int i = 0; i < n; i++) {
      vectors[i] = data.features()[rows[i]].embedding();
    }
    int dims = vectors[0].length;
    // similarities of centroids (as queries) with every prompt, computed column-wise (Similarity)
    float[][] columns = Similarity.columns(vectors);
    float[][] centroids = new float[k][];
    centroids[0] = vectors[rnd.nextInt(n)].clone();
    double[] distance = new double[n];
    java.util.Arrays.fill(distance, Double.POSITIVE_INFINITY);
    float[][] one = new float[1][n];
    for (int c = 1; c < k; c++) {
      // each prompt's squared distance to its nearest centroid so far, updated with the newest one
      Similarity.scores(new float[][] {centroids[c - 1]}, columns, n, one);
      double total = 0;
      for (int i = 0; i < n; i++) {
        double d = 1 - one[0][i];
        distance[i] = Math.min(distance[i], d * d);
        total += distance[i];
      }
      double pick = rnd.nextDouble() * total;
      int chosen = n - 1;
      for (int i = 0; i < n; i++) {
        pick -= distance[i];
        if (pick <= 0) {
          chosen = i;
          break;
        }
      }
      centroids[c] = vectors[chosen].clone();
    }
    float[][] sims = new float[k][n];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      Similarity.scores(centroids, columns, n, sims);
      float[][] next = new float[k][dims];
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (sims[c][i] > sims[best][i]) {
            best = c;
          }
        }
        float[] target = next[best];
        float[] e = vectors[i];
        for (int d = 0; d < dims; d++) {
          target[d] += e[d];
        }
      }
      for (int c = 0; c < k; c++) {
        double norm = Math.sqrt(Vectors.dot(next[c], next[c]));
        if (norm > 0) {
          for (int d = 0; d < dims; d++) {
            next[c][d] /= (float) norm;
          }
          centroids[c] = next[c];
        }
      }
    }
    return centroids;
  }

  static int nearest(float[][] centroids, float[] e) {
    int best = 0;
    double bestSim = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      double s = Vectors.dot(centroids[c], e);
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    return best;
  }

  @Override
  public double[] predict(Features x) {
    return means[nearest(centroids, x.embedding())].clone();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "cluster");
    n.put("dimensions", centroids[0].length);
    n.put("centroids", Vectors.encode(Vectors.flatten(centroids)));
    n.set("means", Json.MAPPER.valueToTree(means));
    return n;
  }

  static ClusterQuality fromJson(JsonNode n) {
    return new ClusterQuality(Vectors.unflatten(Vectors.decode(n.get("centroids").asText()), n.get("dimensions").asInt()),
        Json.MAPPER.convertValue(n.get("means"), double[][].class));
  }
}
