package dev.signalbox.cli;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Embedders;
import dev.signalbox.embeddings.CachedEmbedder;
import dev.signalbox.embeddings.EmbeddingCache;
import dev.signalbox.eval.Costs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that {@code eval} and {@code train} share: the model pool, prices, embedding cache, seed. */
final class DatasetOptions {

  @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Keep only these models (e.g. two, for APGR and CPT).")
  List<String> models = new ArrayList<>();

  @Option(names = "--model-cost", paramLabel = "NAME=USD", description = "Cost per call for a model the data does not price.")
  Map<String, Double> modelCosts = new LinkedHashMap<>();

  @Option(names = "--config", paramLabel = "FILE", description = "Take prices per 1M tokens for unpriced models from this configuration.")
  Path config;

  @Option(names = "--cache", paramLabel = "DIR", description = "Embedding cache folder (default: ~/.cache/signalbox/embeddings).")
  Path cache;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for folds and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--inner-folds", paramLabel = "K", defaultValue = "5",
      description = "Folds inside the training rows that choose hyperparameters (default: ${DEFAULT-VALUE}).")
  int innerFolds;

  Catalog catalog() {
    return config == null ? null : ConfigLoader.load(config).catalog();
  }

  Costs costs() {
    return new Costs(modelCosts, catalog());
  }

  /** all-MiniLM-L6-v2 behind the dataset's on-disk cache. */
  Embedder embedder(String dataset) {
    Embedder base = Embedders.byId(Embedders.MINILM);
    Path dir = cache != null ? cache : EmbeddingCache.defaultDir();
    return new CachedEmbedder(base, EmbeddingCache.open(dir, dataset, base.id(), base.dimensions()));
  }
}
