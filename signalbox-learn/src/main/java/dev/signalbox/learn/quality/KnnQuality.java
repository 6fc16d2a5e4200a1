package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import dev.signalbox.learn.Similarity;
import dev.signalbox.learn.Vectors;

/**
 * k-nearest-neighbour quality (RouterBench's KNN router, CARROT's KNN estimator): the mean quality
 * of the k most similar training prompts by cosine similarity, shrunk by {@code shrink}
 * pseudo-neighbours towards the mean of a wider neighbourhood ({@code wide} prompts, which stands
 * for the prompt's task without needing its label; 0 means every training prompt), so that a few
 * noisy neighbours do not swing a prediction.
 * The same estimator predicts other per-model columns, such as output tokens (CARROT).
 */
public final class KnnQuality implements QualityModel {
  private final int k;
  private final double shrink;
  private final int wide;
  private final float[][] embeddings;
  private final float[][] quality;
  private final double[] prior;
  private final float[][] columns;
  /** Prompts scored together by {@link #predictAll}. */
  private static final int QUERY_BLOCK = 16;

  KnnQuality(int k, double shrink, int wide, float[][] embeddings, float[][] quality, double[] prior) {
    this.k = k;
    this.shrink = shrink;
    this.wide = wide;
    this.embeddings = embeddings;
    this.quality = quality;
    this.prior = prior;
    this.columns = Similarity.columns(embeddings);
  }

  /** Fits by remembering the rows (quality NaN counts as the model's mean). */
  public static QualityLearner learner(int k, double shrink, int wide) {
    return new QualityLearner() {
      @Override
      public String spec() {
        return "knn:k=" + k + ",shrink=" + QualityModels.num(shrink) + ",wide=" + wide;
      }

      @Override
      public QualityModel fit(Dataset data, int[] rows, long seed) {
        return fitColumn(data, data.quality(), rows, k, shrink, wide);
      }
    };
  }

  /**
   * Remembers some rows of any per-model column (quality, output tokens); a missing value counts
   * as that model's mean.
   */
  public static KnnQuality fitColumn(Dataset data, double[][] column, int[] rows, int k, double shrink, int wide) {
    double[] prior = data.meanOver(column, rows);
    float[][] emb = new float[rows.length][];
    float[][] q = new float[rows.length][data.modelCount()];
    for (int i = 0; i < rows.length; i++) {
      emb[i] = data.features()[rows[i]].embedding();
      for (int m = 0; m < q[i].length; m++) {
        double v = column[rows[i]][m];
        q[i][m] = (float) (Double.isNaN(v) ? (Double.isNaN(prior[m]) ? 0 : prior[m]) : v);
      }
    }
    return new KnnQuality(k, shrink, wide, emb, q, prior);
  }

  @Override
  public double[] predict(Features x) {
    return predictFromNeighbours(nearest(x, neighboursNeeded()));
  }

  /** Scores the prompts against the training prompts together, a block of queries per pass. */
  @Override
  public double[][] predictAll(Features[] xs) {
    double[][] out = new double[xs.length][];
    int n = embeddings.length;
    for (int from = 0; from < xs.length; from += QUERY_BLOCK) {
      int to = Math.min(xs.length, from + QUERY_BLOCK);
      float[][] queries = new float[to - from][];
      for (int i = from; i < to; i++) {
        queries[i - from] = xs[i].embedding();
      }
      float[][] sims = new float[queries.length][n];
      Similarity.scores(queries, columns, n, sims);
      for (int i = from; i < to; i++) {
        out[i] = predictFromNeighbours(Similarity.top(sims[i - from], n, neighboursNeeded()));
      }
    }
    return out;
  }

  /** How many neighbours a prediction reads. */
  public int neighboursNeeded() {
    return Math.min(Math.max(k, wide), embeddings.length);
  }

  /**
   * The indices of the {@code n} training prompts most similar to x, most similar first. Models
   * fitted on the same rows share them, so cross-validation searches once for every k.
   */
  public int[] nearest(Features x, int n) {
    float[][] sims = new float[1][embeddings.length];
    Similarity.scores(new float[][] {x.embedding()}, columns, embeddings.length, sims);
    return Similarity.top(sims[0], embeddings.length, n);
  }

  /**
   * Running sums of the quality column over neighbours as {@link #nearest} returns them:
   * {@code sums[j][m]} adds up model m over the first j neighbours. Every setting of k, shrink and
   * wide reads its prediction from the same sums ({@link #predictFromSums}).
   */
  public double[][] sums(int[] nearest) {
    double[][] sums = new double[nearest.length + 1][prior.length];
    for (int j = 0; j < nearest.length; j++) {
      float[] q = quality[nearest[j]];
      for (int m = 0; m < prior.length; m++) {
        sums[j + 1][m] = sums[j][m] + q[m];
      }
    }
    return sums;
  }

  /** The prediction from {@link #sums} over at least {@link #neighboursNeeded()} neighbours. */
  public double[] predictFromSums(double[][] sums) {
    int kk = neighboursNeeded();
    int near = Math.min(k, kk);
    double[] out = new double[prior.length];
    for (int m = 0; m < out.length; m++) {
      double centre = wide > 0 ? sums[kk][m] / kk : prior[m];
      out[m] = (sums[near][m] + shrink * centre) / (near + shrink);
    }
    return out;
  }

  /** The prediction from neighbour indices as {@link #nearest} returns them (at least {@link #neighboursNeeded()}). */
  public double[] predictFromNeighbours(int[] nearest) {
    return predictFromSums(sums(java.util.Arrays.copyOf(nearest, neighboursNeeded())));
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "knn");
    n.put("k", k);
    n.put("shrink", shrink);
    n.put("wide", wide);
    n.set("prior", Json.MAPPER.valueToTree(prior));
    n.put("dimensions", embeddings.length == 0 ? 0 : embeddings[0].length);
    n.put("embeddings", Vectors.encode(Vectors.flatten(embeddings)));
    n.put("quality", Vectors.encode(Vectors.flatten(quality)));
    return n;
  }

  public static KnnQuality fromJson(JsonNode n) {
    double[] prior = Json.MAPPER.convertValue(n.get("prior"), double[].class);
    int dims = n.get("dimensions").asInt();
    return new KnnQuality(n.get("k").asInt(), n.get("shrink").asDouble(), n.path("wide").asInt(0),
        Vectors.unflatten(Vectors.decode(n.get("embeddings").asText()), dims),
        Vectors.unflatten(Vectors.decode(n.get("quality").asText()), prior.length), prior);
  }
}
