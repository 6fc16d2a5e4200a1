package dev.signalbox.sim;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.signal.TokenEstimator;

/**
 * One text or tokenised input (a completion prompt or an embedding input).
 *
 * @param key the text, or for token ids the ids; what answers are derived from
 * @param tokens its token count: estimated for text, exact for token ids
 */
record PromptInput(String key, int tokens) {

  static PromptInput of(Message input) {
    return new PromptInput(input.text(), input.tokens() >= 0 ? input.tokens() : TokenEstimator.count(input.text()));
  }
}
