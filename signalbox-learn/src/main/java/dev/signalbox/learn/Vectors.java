package dev.signalbox.learn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Small numeric helpers shared by the learners, and a compact text form of float arrays. */
public final class Vectors {
  private Vectors() {}

  public static double dot(float[] a, float[] b) {
    // four independent sums let the CPU overlap the multiply-adds
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int n = a.length & ~3;
    for (int i = 0; i < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (int i = n; i < a.length; i++) {
      s0 += a[i] * b[i];
    }
    return (double) s0 + s1 + s2 + s3;
  }

  public static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** Float values as base64 of little-endian float32, for artifacts. */
  public static String encode(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return Base64.getEncoder().encodeToString(b.array());
  }

  public static float[] decode(String base64) {
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  /** A matrix flattened row by row. */
  public static float[] flatten(float[][] m) {
    int cols = m.length == 0 ? 0 : m[0].length;
    float[] out = new float[m.length * cols];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * cols, cols);
    }
    return out;
  }

  public static float[][] unflatten(float[] flat, int cols) {
    float[][] out = new float[flat.length / cols][cols];
    for (int i = 0; i < out.length; i++) {
      System.arraycopy(flat, i * cols, out[i], 0, cols);
    }
    return out;
  }

  public static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  public static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
