package dev.signalbox.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.EmbedderProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * all-MiniLM-L6-v2 (384 dimensions, L2-normalised) run in-process by ONNX Runtime from the model
 * file inside LangChain4j's Maven artifact: nothing is downloaded at run time. The file is copied
 * once to {@code ~/.cache/signalbox/models} and opened from there ({@link BundledModelFile}), which
 * keeps the model off the Java heap. It embeds the tail of the prompt ({@link PromptTail}), where
 * the question sits after any instructions or few-shot examples.
 */
public final class MiniLmEmbedder implements Embedder {
  /** The id of this embedder in artifacts and cache files. */
  public static final String ID = "all-minilm-l6-v2/" + PromptTail.RULE;

  private static final int DIMENSIONS = 384;

  private final OnnxEmbeddingModel model;

  /** Loads the model (about a second); {@code threads} embed the texts of one batch in parallel. */
  public MiniLmEmbedder(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "signalbox-embed");
      t.setDaemon(true);
      return t;
    });
    Path dir = CacheFolder.of("models");
    this.model = new OnnxEmbeddingModel(BundledModelFile.of("all-minilm-l6-v2.onnx", dir),
        BundledModelFile.of("all-minilm-l6-v2-tokenizer.json", dir), PoolingMode.MEAN, pool);
  }

  /** One thread per core. */
  public MiniLmEmbedder() {
    this(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[] embed(String text) {
    return model.embed(PromptTail.of(text)).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      segments.add(TextSegment.from(PromptTail.of(t)));
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (Embedding e : model.embedAll(segments).content()) {
      out.add(e.vector());
    }
    return out;
  }

  /** Registers the embedder by its id ({@code META-INF/services}), made once per process by {@code Embedders}. */
  public static final class Provider implements EmbedderProvider {
    @Override
    public String id() {
      return ID;
    }

    @Override
    public Embedder create() {
      return new MiniLmEmbedder();
    }
  }
}
