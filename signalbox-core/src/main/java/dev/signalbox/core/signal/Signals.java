package dev.signalbox.core.signal;

import java.util.Map;
import java.util.Objects;

/**
 * The cheap facts extracted from a request, computed once and shared by every policy.
 *
 * @param promptTokens estimated tokens of the whole prompt
 * @param maxOutputTokens the caller's output limit, or -1 when none was given
 * @param text the text the user wrote (user messages joined), for keyword and regex rules
 * @param task the task label of the heuristic classifier, e.g. {@code code} or {@code math}
 * @param taskConfidence how sure the classifier is, in [0, 1]
 * @param embedding the prompt's embedding when a policy asked for it ({@link Embedder}), else null
 * @param named the signals that {@link SignalProvider}s on the class path computed, by name
 */
public record Signals(int promptTokens, int maxOutputTokens, String text, String task, double taskConfidence,
    float[] embedding, Map<String, Object> named) {

  public Signals {
    Objects.requireNonNull(named, "named");
  }

  /** The built-in signals alone. */
  public Signals(int promptTokens, int maxOutputTokens, String text, String task, double taskConfidence,
      float[] embedding) {
    this(promptTokens, maxOutputTokens, text, task, taskConfidence, embedding, Map.of());
  }

  /** These signals with the prompt's embedding added. */
  public Signals withEmbedding(float[] vector) {
    return new Signals(promptTokens, maxOutputTokens, text, task, taskConfidence, vector, named);
  }

  /** The signal a {@link SignalProvider} named {@code name} computed, or null. */
  public Object named(String name) {
    return named.get(name);
  }

  public boolean hasEmbedding() {
    return embedding != null;
  }

  /**
   * The signals as a read-only map for decision traces (the text is left out). Compact: its
   * entries are made when read.
   */
  public Map<String, Object> asMap() {
    return new SignalsSummary(this);
  }
}
