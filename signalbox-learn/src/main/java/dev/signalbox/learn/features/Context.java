package dev.signalbox.learn.features;

/**
 * What an online router sees of one prompt.
 *
 * @param x the feature vector: a bias 1, then one-hot blocks (task, cluster, complexity bin)
 * @param intent π(task | prompt) over {@link ContextFeatures#taskLabels()}; all zero when unknown
 * @param task the most likely task label, or {@code unknown}
 */
public record Context(double[] x, double[] intent, String task) {}
