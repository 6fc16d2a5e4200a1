package dev.signalbox.learn;

import dev.signalbox.core.signal.Signals;

/**
 * What a learned router knows of a prompt: its embedding, its estimated token count and cheap
 * lexical features of its whole text. Built from the same {@link Signals} in the gateway and in
 * the evaluator.
 *
 * @param embedding the prompt embedding (L2-normalised)
 * @param promptTokens the estimated prompt tokens
 * @param lexical {@link Lexical} features of the prompt's text
 */
public record Features(float[] embedding, int promptTokens, float[] lexical) {

  /** Features without text (lexical features all zero). */
  public Features(float[] embedding, int promptTokens) {
    this(embedding, promptTokens, new float[Lexical.SIZE]);
  }

  public static Features of(Signals signals) {
    return new Features(signals.embedding(), signals.promptTokens(), Lexical.of(signals.text()));
  }
}
