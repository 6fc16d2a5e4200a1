package dev.signalbox.sim;

/** Token counts of one response, as OpenAI's {@code usage} object reports them. */
record Usage(int promptTokens, int completionTokens) {
  int totalTokens() {
    return promptTokens + completionTokens;
  }
}
