package dev.signalbox.core.signal;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signals of one request as a read-only map for decision traces, held as a few fields: the
 * gateway keeps one per recent request, so it is built on every request but read rarely. The
 * entries are made when someone reads them. The user's text is left out (only its length stays).
 */
final class SignalsSummary extends AbstractMap<String, Object> {
  /** The built-in entries' names, which named signals may not take. */
  static final List<String> BUILT_IN =
      List.of("prompt_tokens", "max_output_tokens", "task", "task_confidence", "text_chars", "embedding_dims");

  private final int promptTokens;
  private final int maxOutputTokens;
  private final String task;
  private final double taskConfidence;
  private final int textChars;
  private final int embeddingDims;
  private final Map<String, Object> named;

  SignalsSummary(Signals s) {
    this.promptTokens = s.promptTokens();
    this.maxOutputTokens = s.maxOutputTokens();
    this.task = s.task();
    this.taskConfidence = s.taskConfidence();
    this.textChars = s.text().length();
    this.embeddingDims = s.hasEmbedding() ? s.embedding().length : -1;
    this.named = s.named();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("prompt_tokens", promptTokens);
    if (maxOutputTokens >= 0) {
      map.put("max_output_tokens", maxOutputTokens);
    }
    map.put("task", task);
    map.put("task_confidence", Math.round(taskConfidence * 1000) / 1000.0);
    map.put("text_chars", textChars);
    if (embeddingDims >= 0) {
      map.put("embedding_dims", embeddingDims);
    }
    map.putAll(named);
    return map.entrySet();
  }
}
