package dev.signalbox.embeddings;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.testkit.EmbedderContract;

/** The MiniLM embedder keeps the contract of every embedder. */
class MiniLmEmbedderContractTest extends EmbedderContract {
  @Override
  protected Embedder embedder() {
    return MiniLmEmbedderTest.EMBEDDER;
  }
}
