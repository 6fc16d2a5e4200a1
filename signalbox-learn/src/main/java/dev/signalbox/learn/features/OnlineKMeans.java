package dev.signalbox.learn.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * GreenServ's semantic cluster: online k-means over prompt embeddings (arXiv 2601.17551, {@code
 * src/feature_extractor/semantic_cluster.py}). The first k distinct embeddings become the
 * centroids (until then every prompt is cluster 0); a prompt joins the centroid of highest cosine
 * similarity, which moves by a running mean: {@code n_c += 1; μ_c += (e − μ_c)/n_c}. Assigning
 * updates, so the order of prompts matters; calls are serialised.
 */
public final class OnlineKMeans {
  private final int k;
  private final List<float[]> centroids = new ArrayList<>();
  private final List<Integer> counts = new ArrayList<>();

  public OnlineKMeans(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    this.k = k;
  }

  public int k() {
    return k;
  }

  /** The cluster of an embedding, learning from it. */
  public synchronized int assign(float[] e) {
    if (centroids.size() < k) {
      for (float[] c : centroids) {
        if (java.util.Arrays.equals(c, e)) {
          return 0;
        }
      }
      centroids.add(e.clone());
      counts.add(1);
      return centroids.size() < k ? 0 : k - 1;
    }
    int best = 0;
    double bestSim = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      float[] mu = centroids.get(c);
      double norm = Math.sqrt(Vectors.dot(mu, mu));
      double sim = norm == 0 ? 0 : Vectors.dot(e, mu) / norm;
      if (sim > bestSim) {
        bestSim = sim;
        best = c;
      }
    }
    int n = counts.get(best) + 1;
    counts.set(best, n);
    float[] mu = centroids.get(best);
    for (int i = 0; i < mu.length; i++) {
      mu[i] += (e[i] - mu[i]) / n;
    }
    return best;
  }

  public synchronized ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("k", k);
    var cs = n.putArray("centroids");
    centroids.forEach(c -> cs.add(Vectors.encode(c)));
    n.set("counts", Json.MAPPER.valueToTree(counts));
    return n;
  }

  /** Replaces the centroids with a saved set. */
  public synchronized void restore(JsonNode n) {
    if (n.path("k").asInt() != k) {
      throw new IllegalArgumentException("saved clusters have k=" + n.path("k").asInt() + ", this route uses " + k);
    }
    centroids.clear();
    counts.clear();
    n.path("centroids").forEach(c -> centroids.add(Vectors.decode(c.asText())));
    n.path("counts").forEach(c -> counts.add(c.asInt()));
  }
}
