package dev.signalbox.learn.online;

import dev.signalbox.core.signal.Signals;

/**
 * A prompt whose every model's outcome is known (a trace row), to warm a learner up before it
 * serves: full information, as supervised data (Zhang et al., "Warm-starting Contextual Bandits",
 * ICML 2019).
 *
 * @param signals what the router sees of the prompt
 * @param quality per model (in the order of the models given with the examples), in [0, 1]
 * @param cost per model, USD per call (NaN when unknown)
 */
public record Example(Signals signals, double[] quality, double[] cost) {}
