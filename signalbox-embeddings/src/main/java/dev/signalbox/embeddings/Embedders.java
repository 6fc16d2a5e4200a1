package dev.signalbox.embeddings;

import dev.signalbox.core.signal.Embedder;

/** The embedders Signalbox ships, by id (as router artifacts name them). */
public final class Embedders {
  private static volatile Embedder miniLm;

  private Embedders() {}

  /** The embedder with this id, loaded once per process; fails on an unknown id. */
  public static Embedder byId(String id) {
    if (MiniLmEmbedder.ID.equals(id)) {
      return miniLm();
    }
    throw new IllegalArgumentException("unknown embedder '" + id + "'; known: " + MiniLmEmbedder.ID);
  }

  /** The shared all-MiniLM-L6-v2 embedder. */
  public static Embedder miniLm() {
    Embedder e = miniLm;
    if (e == null) {
      synchronized (Embedders.class) {
        if (miniLm == null) {
          miniLm = new MiniLmEmbedder();
        }
        e = miniLm;
      }
    }
    return e;
  }
}
