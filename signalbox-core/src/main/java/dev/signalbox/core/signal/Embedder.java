package dev.signalbox.core.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into a dense vector (a sentence embedding). An expensive signal: the gateway computes
 * it off the event loop, and only for routes whose policy asks for it ({@code Router#embedder()}).
 * Implementations must be thread-safe.
 */
public interface Embedder {

  /** A stable name of the model and its input rule, e.g. {@code all-minilm-l6-v2/tail1000}; keys caches. */
  String id();

  /** The length of every vector this embedder returns. */
  int dimensions();

  /** The embedding of one text. */
  float[] embed(String text);

  /** The embeddings of several texts, in order; implementations may batch or parallelise. */
  default List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(embed(t));
    }
    return out;
  }
}
