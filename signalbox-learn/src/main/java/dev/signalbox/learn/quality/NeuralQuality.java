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
   * runs {@code epochs} passes, but at least {@value Adam#MIN_STEPS} and at most
   * {@value Adam#MAX_STEPS} mini-batch steps (so small datasets train enough and large ones in
   * bounded time), and stops early when held-out loss stops improving.
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

  /** The network's input: the embedding, the log of the token count, and the lexical features. */
  static float[] input(Features x) {
    return input(x, x.embedding().length + 1 + x.lexical().length);
  }

  /** The input cut to {@code size} (artifacts trained before the lexical features had fewer inputs). */
  static float[] input(Features x, int size) {
    float[] e = x.embedding();
    float[] in = new float[size];
    System.arraycopy(e, 0, in, 0, e.length);
    in[e.length] = (float) (Math.log1p(Math.max(0, x.promptTokens())) / 8.0);
    System.arraycopy(x.lexical(), 0, in, e.length + 1, Math.min(x.lexical().length, size - e.length - 1));
    return in;
  }

  /** The raw sigmoid outputs for an input as {@link #input} builds it. */
  double[] outputs(float[] in) {
    float[] h = hiddenOf(in);
    double[] out = new double[outputs];
    for (int m = 0; m < outputs; m++) {
      out[m] = Vectors.sigmoid(logit(h, m));
    }
    return out;
  }

  int inputs() {
    return inputs;
  }

  @Override
  public double[] predict(Features x) {
    return outputs(input(x, inputs));
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
    float[][] x = new float[rows.length][];
    float[][] y = new float[rows.length][data.modelCount()];
    for (int i = 0; i < rows.length; i++) {
      x[i] = input(data.features()[rows[i]]);
      for (int m = 0; m < y[i].length; m++) {
        y[i][m] = (float) data.quality()[rows[i]][m];
      }
    }
    return fit(s, x, y, seed);
  }

  /**
   * Fits a network to targets in [0, 1] (NaN: unobserved) for inputs as {@link #input} builds them.
   */
  static NeuralQuality fit(Settings s, float[][] x, float[][] y, long seed) {
    Random rnd = new Random(seed);
    int inputs = x[0].length;
    int outputs = y[0].length;
    int width = s.shape() == Shape.LOGISTIC ? inputs : s.hidden();
    float[] w1 = s.shape() == Shape.LOGISTIC ? new float[0] : init(rnd, s.hidden() * inputs, inputs, s.hidden());
    float[] b1 = new float[s.shape() == Shape.MLP ? s.hidden() : 0];
    float[] w2 = s.shape() == Shape.LOGISTIC ? new float[outputs * inputs] : init(rnd, outputs * width, width, outputs);
    float[] b2 = new float[outputs];
    for (int m = 0; m < outputs; m++) {
      double sum = 0;
      int count = 0;
      for (float[] row : y) {
        if (!Float.isNaN(row[m])) {
          sum += row[m];
          count++;
        }
      }
      double p = Math.min(0.99, Math.max(0.01, count == 0 ? 0.5 : sum / count));
      b2[m] = (float) Math.log(p / (1 - p));
    }
    float[][] w1t = s.shape() == Shape.LOGISTIC ? new float[0][] : rows(transpose(w1, s.hidden(), inputs), inputs, s.hidden());
    float[][] w2rows = rows(w2, outputs, width);
    new Adam(s, inputs, outputs, w1t, b1, w2rows, b2).run(x, y, rnd);
    return new NeuralQuality(s.shape(), inputs, s.hidden(), outputs, transpose(Vectors.flatten(w1t), inputs, s.hidden()), b1,
        Vectors.flatten(w2rows), b2);
  }

  /** A row-major matrix as one array per row. */
  private static float[][] rows(float[] m, int rows, int cols) {
    float[][] out = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(m, r * cols, out[r], 0, cols);
    }
    return out;
  }

  /** A rows × cols matrix (row-major) as cols × rows. */
  static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }

  private static float[] init(Random rnd, int size, int fanIn, int fanOut) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
    }
    return w;
  }

  /**
   * Mini-batch Adam over the cross-entropy of every observed (row, model) quality, with early
   * stopping: a tenth of the rows (when there are enough) is held out, its loss is measured every
   * {@value #CHECK_EVERY} steps, training stops after {@value #PATIENCE} checks without a better
   * loss and the best weights are kept. The first layer is held input-major during training, so
   * its forward pass and gradient are multiply-adds along the hidden units, which the JIT
   * vectorises.
   */
  private static final class Adam {
    private static final int BATCH = 32;
    static final int MAX_STEPS = 3000;
    /** Small datasets still get this many steps, however few epochs that makes. */
    static final int MIN_STEPS = 500;
    private static final int CHECK_EVERY = 100;
    private static final int PATIENCE = 4;
    private static final int MIN_HELD_OUT = 100;
    private final Settings s;
    private final Shape shape;
    private final int inputs;
    private final int outputs;
    private final int hidden;
    private final int width;
    private final float[][] w1t; // inputs x hidden (MLP, MF)
    private final float[] b1; // hidden (MLP)
    private final float[][] w2; // outputs x width
    private final float[] b2; // outputs
    private final float[][] gw1;
    private final float[] gb1;
    private final float[][] gw2;
    private final float[] gb2;
    /** Every parameter vector, its gradient and moments, and whether it decays, in one list for the update. */
    private final float[][] params;
    private final float[][] grads;
    private final float[][] m1;
    private final float[][] m2;
    private final boolean[] decays;
    private final float[] h;
    private final float[] dh;
    private final float[] d;
    private int step;

    Adam(Settings s, int inputs, int outputs, float[][] w1t, float[] b1, float[][] w2, float[] b2) {
      this.s = s;
      this.shape = s.shape();
      this.inputs = inputs;
      this.outputs = outputs;
      this.hidden = s.hidden();
      this.width = shape == Shape.LOGISTIC ? inputs : hidden;
      this.w1t = w1t;
      this.b1 = b1;
      this.w2 = w2;
      this.b2 = b2;
      this.gw1 = new float[w1t.length][hidden];
      this.gb1 = new float[b1.length];
      this.gw2 = new float[outputs][width];
      this.gb2 = new float[outputs];
      int count = w1t.length + 1 + outputs + 1;
      this.params = new float[count][];
      this.grads = new float[count][];
      this.decays = new boolean[count];
      int p = 0;
      for (int i = 0; i < w1t.length; i++, p++) {
        params[p] = w1t[i];
        grads[p] = gw1[i];
        decays[p] = true;
      }
      params[p] = b1;
      grads[p++] = gb1;
      for (int m = 0; m < outputs; m++, p++) {
        params[p] = w2[m];
        grads[p] = gw2[m];
        decays[p] = true;
      }
      params[p] = b2;
      grads[p] = gb2;
      this.m1 = new float[count][];
      this.m2 = new float[count][];
      for (int k = 0; k < count; k++) {
        m1[k] = new float[params[k].length];
        m2[k] = new float[params[k].length];
      }
      this.h = new float[width];
      this.dh = new float[width];
      this.d = new float[outputs];
    }

    void run(float[][] x, float[][] y, Random rnd) {
      int n = x.length;
      int held = n >= 10 * MIN_HELD_OUT ? n / 10 : 0;
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      shuffle(order, n, rnd);
      int[] validation = java.util.Arrays.copyOfRange(order, n - held, n);
      int train = n - held;
      int[] rows = java.util.Arrays.copyOf(order, train);
      float[][] best = held > 0 ? snapshot() : null;
      double bestLoss = Double.POSITIVE_INFINITY;
      int worse = 0;
      int batches = (train + BATCH - 1) / BATCH;
      int limit = (int) Math.min(MAX_STEPS, Math.max(MIN_STEPS, (long) s.epochs() * batches));
      while (step < limit && worse < PATIENCE) {
        shuffle(rows, train, rnd);
        for (int from = 0; from < train && step < limit && worse < PATIENCE; from += BATCH) {
          int to = Math.min(train, from + BATCH);
          for (float[] g : grads) {
            java.util.Arrays.fill(g, 0f);
          }
          for (int b = from; b < to; b++) {
            accumulate(x[rows[b]], y[rows[b]]);
          }
          update(to - from);
          if (held > 0 && step % CHECK_EVERY == 0) {
            double loss = loss(x, y, validation);
            if (loss < bestLoss - 1e-6) {
              bestLoss = loss;
              worse = 0;
              copy(params, best);
            } else {
              worse++;
            }
          }
        }
      }
      if (held > 0 && loss(x, y, validation) > bestLoss) {
        copy(best, params);
      }
    }

    private static void shuffle(int[] a, int n, Random rnd) {
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
    }

    private float[][] snapshot() {
      float[][] out = new float[params.length][];
      for (int p = 0; p < params.length; p++) {
        out[p] = params[p].clone();
      }
      return out;
    }

    private static void copy(float[][] from, float[][] to) {
      for (int p = 0; p < from.length; p++) {
        System.arraycopy(from[p], 0, to[p], 0, from[p].length);
      }
    }

    /** Mean cross-entropy over the observed qualities of some rows. */
    private double loss(float[][] x, float[][] y, int[] rows) {
      double sum = 0;
      long count = 0;
      for (int i : rows) {
        float[] hid = forward(x[i]);
        for (int m = 0; m < outputs; m++) {
          float t = y[i][m];
          if (Float.isNaN(t)) {
            continue;
          }
          double p = Math.min(1 - 1e-7, Math.max(1e-7, Vectors.sigmoid(logit(hid, m))));
          sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
          count++;
        }
      }
      return count == 0 ? 0 : sum / count;
    }

    /** The hidden layer (or the input itself for logistic regression). */
    private float[] forward(float[] in) {
      if (shape == Shape.LOGISTIC) {
        return in;
      }
      if (shape == Shape.MLP) {
        System.arraycopy(b1, 0, h, 0, hidden);
      } else {
        java.util.Arrays.fill(h, 0f);
      }
      for (int i = 0; i < inputs; i++) {
        float a = in[i];
        float[] row = w1t[i];
        for (int j = 0; j < hidden; j++) {
          h[j] += a * row[j];
        }
      }
      if (shape == Shape.MLP) {
        for (int j = 0; j < hidden; j++) {
          h[j] = Math.max(0f, h[j]);
        }
      }
      return h;
    }

    private float logit(float[] hid, int m) {
      float[] row = w2[m];
      float z = b2[m];
      for (int j = 0; j < width; j++) {
        z += row[j] * hid[j];
      }
      return z;
    }

    private void accumulate(float[] in, float[] target) {
      float[] hid = forward(in);
      for (int m = 0; m < outputs; m++) {
        float t = target[m];
        d[m] = Float.isNaN(t) ? 0f : (float) (Vectors.sigmoid(logit(hid, m)) - t);
      }
      for (int m = 0; m < outputs; m++) {
        float dm = d[m];
        if (dm == 0f) {
          continue;
        }
        gb2[m] += dm;
        float[] g = gw2[m];
        for (int j = 0; j < width; j++) {
          g[j] += dm * hid[j];
        }
      }
      if (shape == Shape.LOGISTIC) {
        return;
      }
      java.util.Arrays.fill(dh, 0f);
      for (int m = 0; m < outputs; m++) {
        float dm = d[m];
        float[] row = w2[m];
        for (int j = 0; j < width; j++) {
          dh[j] += dm * row[j];
        }
      }
      if (shape == Shape.MLP) {
        for (int j = 0; j < hidden; j++) {
          if (hid[j] <= 0f) {
            dh[j] = 0f;
          }
          gb1[j] += dh[j];
        }
      }
      for (int i = 0; i < inputs; i++) {
        float a = in[i];
        if (a == 0f) {
          continue;
        }
        float[] g = gw1[i];
        for (int j = 0; j < hidden; j++) {
          g[j] += a * dh[j];
        }
      }
    }

    private void update(int batch) {
      step++;
      float lr = (float) (s.learningRate() / (1 - Math.pow(0.9, step)));
      float c2 = (float) (1 / (1 - Math.pow(0.999, step)));
      float inv = 1f / batch;
      for (int p = 0; p < params.length; p++) {
        float decay = decays[p] ? (float) s.weightDecay() : 0f;
        float[] w = params[p];
        float[] g = grads[p];
        float[] a = m1[p];
        float[] v = m2[p];
        for (int k = 0; k < w.length; k++) {
          float gk = g[k] * inv + decay * w[k];
          a[k] = 0.9f * a[k] + 0.1f * gk;
          v[k] = 0.999f * v[k] + 0.001f * gk * gk;
          w[k] -= lr * a[k] / ((float) Math.sqrt(v[k] * c2) + 1e-8f);
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
