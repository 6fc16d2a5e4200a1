package dev.signalbox.learn.quality;

import dev.signalbox.learn.Dataset;

/**
 * A way to fit a {@link QualityModel} with fixed hyperparameters. Learners are chosen among by
 * cross-validation on training rows only.
 */
public interface QualityLearner {

  /** The learner and its hyperparameters, as written on the command line: {@code knn:k=20,shrink=2}. */
  String spec();

  /** Fits on some rows of the data; deterministic for a given seed. */
  QualityModel fit(Dataset data, int[] rows, long seed);
}
