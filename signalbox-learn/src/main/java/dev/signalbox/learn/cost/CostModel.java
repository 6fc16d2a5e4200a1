package dev.signalbox.learn.cost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.learn.Features;

/** A fitted predictor of what each model would cost on a prompt, in USD per call. */
public interface CostModel {

  /** The predicted cost of every model, in the training data's column order. */
  double[] predict(Features x);

  /** The fitted model as JSON, with a {@code kind} that {@link CostModels#fromJson} reads. */
  ObjectNode toJson();
}
