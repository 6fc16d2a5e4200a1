package dev.signalbox.core.signal;

import dev.signalbox.core.spi.ProviderRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedders on the class path by id ({@link EmbedderProvider}), each made once per process,
 * when first asked for.
 */
public final class Embedders {
  /**
   * The id of the sentence embedder Signalbox ships in signalbox-embeddings: all-MiniLM-L6-v2 on
   * the tail of a prompt. The online routers embed with it.
   */
  public static final String MINILM = "all-minilm-l6-v2/lastblock100-tail1000";

  private static final ProviderRegistry<EmbedderProvider> PROVIDERS =
      ProviderRegistry.discover("embedder", EmbedderProvider.class, p -> List.of(p.id()), List.of());
  private static final Map<String, Embedder> MADE = new ConcurrentHashMap<>();

  private Embedders() {}

  /** The embedder with this id; fails on an id no provider on the class path has. */
  public static Embedder byId(String id) {
    EmbedderProvider provider = PROVIDERS.get(id);
    if (provider == null) {
      throw new IllegalArgumentException(PROVIDERS.unknown(id)
          + (id.equals(MINILM) ? " (it comes with signalbox-embeddings: put that on the class path)" : ""));
    }
    return MADE.computeIfAbsent(id, x -> provider.create());
  }

  /** The ids of every embedder on the class path. */
  public static List<String> ids() {
    return PROVIDERS.names();
  }
}
