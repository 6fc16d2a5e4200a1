package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.learn.Features;

/** A fitted predictor of each model's quality on a prompt. Thread-safe and immutable. */
public interface QualityModel {

  /** The predicted quality of every model (in the training data's column order), in [0, 1]. */
  double[] predict(Features x);

  /** {@link #predict} for many prompts; a model may answer them together faster (same answers). */
  default double[][] predictAll(Features[] xs) {
    double[][] out = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      out[i] = predict(xs[i]);
    }
    return out;
  }

  /** The fitted model as JSON, with a {@code kind} field that {@link QualityModels#fromJson} reads. */
  ObjectNode toJson();
}
