package dev.signalbox.learn.cost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.learn.Features;

/** A fitted predictor of what each model would cost on a prompt, in USD per call. */
public interface CostModel {

  /** The predicted cost of every model, in the training data's column order. */
  double[] predict(Features x);

  /** How a model's predicted cost is priced, for decision traces. */
  default String basis(int model) {
    return "at the training data's prices";
  }

  /** The fitted model as JSON, with a {@code kind} that {@link CostModels#fromJson} reads. */
  ObjectNode toJson();
}
