package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import dev.signalbox.learn.Vectors;
import java.util.Random;

/**
 * Per-model quality as sigmoid outputs of a small network over the prompt embedding (plus the log
 * of its token count), trained with cross-entropy on the observed qualities (soft labels allowed).
 * One training loop serves three shapes:
 *
 * <ul>
 *   <li>{@code logistic}: one logistic regression per model, {@code σ(w_m·x + b_m)};
 *   <li>{@code mlp}: one hidden ReLU layer shared by all models;
 *   <li>{@code mf}: matrix factorisation in the style of RouteLLM, generalised to N models:
 *       {@code σ(u_m·(P x) + b_m)}, a learned model embedding {@code u_m} against a linear projection
 *       of the prompt (RouteLLM's {@code wᵀ(v_m ⊙ W e)} with {@code w ⊙ v_m} folded into {@code u_m}).
 * </ul>
 */
public final class NeuralQuality implements QualityModel {

  /** The network's shape. */
  public enum Shape {
    LOGISTIC, MLP, MF;

    String label() {
      return name().toLowerCase();
    }
  }

  private final Shape shape;
  private final int inputs;
  private final int hidden;
  private final int outputs;
  private final float[] w1; // hidden x inputs (absent for LOGISTIC)
  private final float[] b1; // hidden (MLP only)
  private final float[] w2; // outputs x (hidden or inputs)
  private final float[] b2; // outputs

  private NeuralQuality(Shape shape, int inputs, int hidden, int outputs, float[] w1, float[] b1, float[] w2, float[] b2) {
    this.shape = shape;
    this.inputs = inputs;
    this.hidden = hidden;
    this.outputs = outputs;
    this.w1 = w1;
    this.b1 = b1;
    this.w2 = w2;
    this.b2 = b2;
  }

  /**
   * Training settings; {@code hidden} is the layer width (MLP) or the factor rank (MF). Training
   * stops after {@code epochs} passes or {@value Adam#MAX_STEPS} mini-batch steps, whichever comes
   * first, so that large datasets train in bounded time.
   */
  public record Settings(Shape shape, int hidden, int epochs, double learningRate, double weightDecay) {}

  public static QualityLearner learner(Settings s) {
    return new QualityLearner() {
      @Override
      public String spec() {
        String h = s.shape() == Shape.LOGISTIC ? "" : (s.shape() == Shape.MF ? "rank=" : "hidden=") + s.hidden() + ",";
        return s.shape().label() + ":" + h + "epochs=" + s.epochs() + ",lr=" + QualityModels.num(s.learningRate())
            + ",l2=" + QualityModels.num(s.weightDecay());
      }

      @Override
      public QualityModel fit(Dataset data, int[] rows, long seed) {
        return train(s, data, rows, seed);
      }
    };
  }

  static float[] input(Features x) {
    float[] e = x.embedding();
    float[] in = new float[e.length + 1];
    System.arraycopy(e, 0, in, 0, e.length);
    in[e.length] = (float) (Math.log1p(Math.max(0, x.promptTokens())) / 8.0);
    return in;
  }

  @Override
  public double[] predict(Features x) {
    float[] in = input(x);
    float[] h = hiddenOf(in);
    double[] out = new double[outputs];
    for (int m = 0; m < outputs; m++) {
      out[m] = Vectors.sigmoid(logit(h, m));
    }
    return out;
  }

  private float[] hiddenOf(float[] in) {
    if (shape == Shape.LOGISTIC) {
      return in;
    }
    float[] h = new float[hidden];
    for (int j = 0; j < hidden; j++) {
      double z = shape == Shape.MLP ? b1[j] : 0;
      int off = j * inputs;
      for (int i = 0; i < inputs; i++) {
        z += w1[off + i] * in[i];
      }
      h[j] = (float) (shape == Shape.MLP ? Math.max(0, z) : z);
    }
    return h;
  }

  private double logit(float[] h, int m) {
    double z = b2[m];
    int off = m * h.length;
    for (int j = 0; j < h.length; j++) {
      z += w2[off + j] * h[j];
    }
    return z;
  }

  private static NeuralQuality train(Settings s, Dataset data, int[] rows, long seed) {
    Random rnd = new Random(seed);
    int inputs = data.features()[rows[0]].embedding().length + 1;
    int outputs = data.modelCount();
    int width = s.shape() == Shape.LOGISTIC ? inputs : s.hidden();
    float[] w1 = s.shape() == Shape.LOGISTIC ? new float[0] : init(rnd, s.hidden() * inputs, inputs, s.hidden());
    float[] b1 = new float[s.shape() == Shape.MLP ? s.hidden() : 0];
    float[] w2 = s.shape() == Shape.LOGISTIC ? new float[outputs * inputs] : init(rnd, outputs * width, width, outputs);
    float[] b2 = new float[outputs];
    double[] prior = data.meanOver(data.quality(), rows);
    for (int m = 0; m < outputs; m++) {
      double p = Math.min(0.99, Math.max(0.01, Double.isNaN(prior[m]) ? 0.5 : prior[m]));
      b2[m] = (float) Math.log(p / (1 - p));
    }
    NeuralQuality net = new NeuralQuality(s.shape(), inputs, s.hidden(), outputs, w1, b1, w2, b2);
    float[][] x = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      x[i] = input(data.features()[rows[i]]);
    }
    new Adam(net, s, data, rows, x).run(rnd);
    return net;
  }

  private static float[] init(Random rnd, int size, int fanIn, int fanOut) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
    }
    return w;
  }

  /** Mini-batch Adam over the cross-entropy of every observed (row, model) quality. */
  private static final class Adam {
    private static final int BATCH = 32;
    static final int MAX_STEPS = 3000;
    private final NeuralQuality net;
    private final Settings s;
    private final Dataset data;
    private final int[] rows;
    private final float[][] x;
    private final float[][] params;
    private final float[][] grads;
    private final float[][] m1;
    private final float[][] m2;
    private int step;

    Adam(NeuralQuality net, Settings s, Dataset data, int[] rows, float[][] x) {
      this.net = net;
      this.s = s;
      this.data = data;
      this.rows = rows;
      this.x = x;
      this.params = new float[][] {net.w1, net.b1, net.w2, net.b2};
      this.grads = new float[4][];
      this.m1 = new float[4][];
      this.m2 = new float[4][];
      for (int p = 0; p < 4; p++) {
        grads[p] = new float[params[p].length];
        m1[p] = new float[params[p].length];
        m2[p] = new float[params[p].length];
      }
    }

    void run(Random rnd) {
      int[] order = new int[rows.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      for (int epoch = 0; epoch < s.epochs() && step < MAX_STEPS; epoch++) {
        for (int i = order.length - 1; i > 0; i--) {
          int j = rnd.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        for (int from = 0; from < order.length; from += BATCH) {
          int to = Math.min(order.length, from + BATCH);
          for (float[] g : grads) {
            java.util.Arrays.fill(g, 0f);
          }
          for (int b = from; b < to; b++) {
            accumulate(order[b]);
          }
          update(to - from);
        }
      }
    }

    private void accumulate(int i) {
      float[] in = x[i];
      float[] h = net.hiddenOf(in);
      int width = h.length;
      double[] row = data.quality()[rows[i]];
      float[] dh = net.shape == Shape.LOGISTIC ? null : new float[width];
      for (int m = 0; m < net.outputs; m++) {
        double y = row[m];
        if (Double.isNaN(y)) {
          continue;
        }
        float d = (float) (Vectors.sigmoid(net.logit(h, m)) - y);
        grads[3][m] += d;
        int off = m * width;
        for (int j = 0; j < width; j++) {
          grads[2][off + j] += d * h[j];
          if (dh != null) {
            dh[j] += d * net.w2[off + j];
          }
        }
      }
      if (dh == null) {
        return;
      }
      for (int j = 0; j < width; j++) {
        float g = net.shape == Shape.MLP && h[j] <= 0 ? 0 : dh[j];
        if (g == 0) {
          continue;
        }
        if (net.shape == Shape.MLP) {
          grads[1][j] += g;
        }
        int off = j * net.inputs;
        for (int k = 0; k < net.inputs; k++) {
          grads[0][off + k] += g * in[k];
        }
      }
    }

    private void update(int batch) {
      step++;
      double lr = s.learningRate();
      double c1 = 1 - Math.pow(0.9, step);
      double c2 = 1 - Math.pow(0.999, step);
      for (int p = 0; p < 4; p++) {
        boolean weights = p == 0 || p == 2;
        float[] w = params[p];
        for (int k = 0; k < w.length; k++) {
          double g = grads[p][k] / batch + (weights ? s.weightDecay() * w[k] : 0);
          m1[p][k] = (float) (0.9 * m1[p][k] + 0.1 * g);
          m2[p][k] = (float) (0.999 * m2[p][k] + 0.001 * g * g);
          w[k] -= (float) (lr * (m1[p][k] / c1) / (Math.sqrt(m2[p][k] / c2) + 1e-8));
        }
      }
    }
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", shape.label());
    n.put("inputs", inputs);
    n.put("hidden", hidden);
    n.put("outputs", outputs);
    n.put("w1", Vectors.encode(w1));
    n.put("b1", Vectors.encode(b1));
    n.put("w2", Vectors.encode(w2));
    n.put("b2", Vectors.encode(b2));
    return n;
  }

  static NeuralQuality fromJson(JsonNode n) {
    Shape shape = Shape.valueOf(n.get("kind").asText().toUpperCase());
    return new NeuralQuality(shape, n.get("inputs").asInt(), n.get("hidden").asInt(), n.get("outputs").asInt(),
        Vectors.decode(n.get("w1").asText()), Vectors.decode(n.get("b1").asText()),
        Vectors.decode(n.get("w2").asText()), Vectors.decode(n.get("b2").asText()));
  }
}
