package dev.signalbox.learn.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.signal.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GreenServ's query context generator (arXiv 2601.17551): a constant bias 1 followed by one-hot
 * blocks for the task type (a {@link TaskModel}), the semantic cluster ({@link OnlineKMeans}) and
 * the complexity bin ({@link Readability}); GreenServ's own set is all three ({@code d = 12} with
 * five tasks). Which blocks a router uses is configuration; the task model can be replaced by a
 * trained classifier ({@link #withTasks}).
 */
public final class ContextFeatures {
  /** A one-hot block of the context. */
  public enum Block {
    TASK, CLUSTER, COMPLEXITY;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Block parse(String name) {
      for (Block b : values()) {
        if (b.configName().equals(name)) {
          return b;
        }
      }
      throw new IllegalArgumentException("unknown feature '" + name + "'; known: task, cluster, complexity");
    }
  }

  private final List<Block> blocks;
  private final TaskModel tasks;
  private final OnlineKMeans clusters;
  private final double[] complexityThresholds;
  private final int dimension;

  /**
   * @param blocks the one-hot blocks after the bias, in order
   * @param tasks the task model (also the intents of the pheromone router)
   * @param clusterCount k of the online k-means (used when {@code blocks} has CLUSTER)
   * @param complexityThresholds difficulty thresholds between bins, ascending (GreenServ: 20, 30)
   */
  public ContextFeatures(List<Block> blocks, TaskModel tasks, int clusterCount, double[] complexityThresholds) {
    this.blocks = List.copyOf(blocks);
    this.tasks = tasks;
    this.clusters = blocks.contains(Block.CLUSTER) ? new OnlineKMeans(clusterCount) : null;
    this.complexityThresholds = complexityThresholds.clone();
    int d = 1;
    for (Block b : blocks) {
      d += width(b, tasks, clusterCount, complexityThresholds);
    }
    this.dimension = d;
  }

  /** The same blocks over another task model, with fresh clusters. */
  public ContextFeatures withTasks(TaskModel newTasks) {
    return new ContextFeatures(blocks, newTasks, clusters == null ? 3 : clusters.k(), complexityThresholds);
  }

  public int dimension() {
    return dimension;
  }

  public List<Block> blocks() {
    return blocks;
  }

  public List<String> taskLabels() {
    return tasks.labels();
  }

  public TaskModel tasks() {
    return tasks;
  }

  /** Whether computing a context needs the prompt embedding. */
  public boolean needsEmbedding() {
    return clusters != null || (blocks.contains(Block.TASK) && tasks.needsEmbedding());
  }

  /** The context of a prompt; a missing embedding leaves the task and cluster blocks at zero. */
  public Context context(Signals signals) {
    double[] x = new double[dimension];
    x[0] = 1;
    int at = 1;
    double[] intent = tasks.probabilities(signals);
    int task = argmax(intent);
    for (Block b : blocks) {
      switch (b) {
        case TASK:
          if (task >= 0) {
            x[at + task] = 1;
          }
          at += intent.length;
          break;
        case CLUSTER:
          if (signals.hasEmbedding()) {
            x[at + clusters.assign(signals.embedding())] = 1;
          }
          at += clusters.k();
          break;
        default:
          x[at + Readability.bin(Readability.difficulty(signals.text()), complexityThresholds)] = 1;
          at += complexityThresholds.length + 1;
      }
    }
    return new Context(x, intent, task < 0 ? "unknown" : tasks.labels().get(task));
  }

  /** Names of the vector's entries, e.g. {@code bias}, {@code task=mbpp}, {@code cluster=2}, {@code complexity=1}. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    out.add("bias");
    for (Block b : blocks) {
      int w = width(b, tasks, clusters == null ? 0 : clusters.k(), complexityThresholds);
      for (int i = 0; i < w; i++) {
        out.add(b.configName() + "=" + (b == Block.TASK ? tasks.labels().get(i) : Integer.toString(i)));
      }
    }
    return out;
  }

  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    var bs = n.putArray("blocks");
    blocks.forEach(b -> bs.add(b.configName()));
    n.set("tasks", tasks.toJson());
    if (clusters != null) {
      n.set("clusters", clusters.toJson());
    }
    n.set("complexity_bins", Json.MAPPER.valueToTree(complexityThresholds));
    return n;
  }

  /** These features with the task model and clusters of a snapshot; fails when its blocks differ. */
  public ContextFeatures restored(JsonNode n) {
    List<String> saved = new ArrayList<>();
    n.path("blocks").forEach(b -> saved.add(b.asText()));
    List<String> mine = blocks.stream().map(Block::configName).toList();
    if (!saved.equals(mine)) {
      throw new IllegalArgumentException("saved features " + saved + " differ from this route's " + mine);
    }
    ContextFeatures out = withTasks(TaskClassifier.fromJson(n.path("tasks")));
    if (out.clusters != null && n.has("clusters")) {
      out.clusters.restore(n.get("clusters"));
    }
    return out;
  }

  private static int width(Block b, TaskModel tasks, int clusterCount, double[] thresholds) {
    switch (b) {
      case TASK:
        return tasks.labels().size();
      case CLUSTER:
        return clusterCount;
      default:
        return thresholds.length + 1;
    }
  }

  private static int argmax(double[] p) {
    int best = -1;
    double bestP = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > bestP) {
        bestP = p[i];
        best = i;
      }
    }
    return best;
  }
}
