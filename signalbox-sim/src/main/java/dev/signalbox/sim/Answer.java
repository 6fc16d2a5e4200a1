package dev.signalbox.sim;

import java.util.List;

/**
 * A generated answer as the tokens the model produced: prose (one word per token), JSON, an echo,
 * or the arguments of function calls.
 *
 * @param tokens the pieces of text in order; joined, the content or the calls' arguments
 * @param finishReason {@code stop}, {@code tool_calls}, or {@code length} when the caller's limit cut it
 * @param toolCalls the function calls whose arguments the tokens are, or empty for content
 * @param logprobs one per token when the caller asked for them, else null
 */
record Answer(List<String> tokens, String finishReason, List<ToolCall> toolCalls, List<TokenLogprob> logprobs) {

  /** Content without log probabilities. */
  Answer(List<String> tokens, String finishReason) {
    this(tokens, finishReason, List.of(), null);
  }

  boolean callsTools() {
    return !toolCalls.isEmpty();
  }

  String text() {
    return String.join("", tokens);
  }

  /** The text of tokens {@code from} (inclusive) to {@code to} (exclusive). */
  String text(int from, int to) {
    return String.join("", tokens.subList(from, to));
  }

  /** Where token {@code index} starts in {@link #text()}, in chars. */
  int offset(int index) {
    int chars = 0;
    for (int i = 0; i < index; i++) {
      chars += tokens.get(i).length();
    }
    return chars;
  }

  int size() {
    return tokens.size();
  }
}
