package dev.signalbox.sim;

import java.util.List;

/**
 * A generated answer: one word per token.
 *
 * @param tokens the words, the first without and every further one with a leading space
 * @param finishReason {@code stop}, or {@code length} when the caller's limit cut it
 */
record Answer(List<String> tokens, String finishReason) {

  String text() {
    return String.join("", tokens);
  }

  /** The text of tokens {@code from} (inclusive) to {@code to} (exclusive). */
  String text(int from, int to) {
    return String.join("", tokens.subList(from, to));
  }

  int size() {
    return tokens.size();
  }
}
