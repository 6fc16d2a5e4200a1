package dev.signalbox.learn;

import dev.signalbox.core.signal.Signals;

/**
 * What a learned router knows of a prompt: its embedding and its estimated token count. Built from
 * the same {@link Signals} in the gateway and in the evaluator.
 *
 * @param embedding the prompt embedding (L2-normalised)
 * @param promptTokens the estimated prompt tokens
 */
public record Features(float[] embedding, int promptTokens) {

  public static Features of(Signals signals) {
    return new Features(signals.embedding(), signals.promptTokens());
  }
}
