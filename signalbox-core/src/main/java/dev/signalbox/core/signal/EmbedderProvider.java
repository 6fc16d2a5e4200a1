package dev.signalbox.core.signal;

/**
 * Makes one {@link Embedder}, named by the id that router artifacts and routes give it. Found with
 * {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.signalbox.core.signal.EmbedderProvider}): the MiniLM embedder registers
 * itself in signalbox-embeddings, so what needs an embedder names it and does not depend on the
 * module that has it. Embedders are checked by {@code EmbedderContract} in signalbox-testkit.
 */
public interface EmbedderProvider {

  /** The id of the embedder it makes, which {@link Embedder#id()} returns, e.g. {@code all-minilm-l6-v2/tail1000}. */
  String id();

  /** Makes the embedder; may be slow (it loads a model): {@link Embedders} makes each one once. */
  Embedder create();
}
