package dev.signalbox.cli;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.embeddings.CachedEmbedder;
import dev.signalbox.embeddings.EmbeddingCache;
import dev.signalbox.embeddings.Embedders;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.EvalRunner;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.Costs;
import dev.signalbox.eval.report.Reports;
import dev.signalbox.eval.report.TextTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Replays a routing dataset through every policy and reports quality, cost, AIQ, APGR and CPT. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Evaluate routers offline on a routing dataset (generic JSONL trace, RouterBench CSV, RouterDC JSON).",
        "With --train/--test it fits on one and reports on the other; with --data it uses the records' split",
        "field, else K-fold cross-validation. Baselines (random, each single model, zero router, task-aware,",
        "oracle) always run beside the routers."})
final class EvalCommand implements Callable<Integer> {

  @Option(names = "--data", arity = "1..*", paramLabel = "PATH", description = "Files, folders or globs (split field, else cross-validation).")
  List<String> data = new ArrayList<>();

  @Option(names = "--train", arity = "1..*", paramLabel = "PATH", description = "Training files, folders or globs.")
  List<String> train = new ArrayList<>();

  @Option(names = "--test", arity = "1..*", paramLabel = "PATH", description = "Test files, folders or globs.")
  List<String> test = new ArrayList<>();

  @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Cross-validation folds when there is no split (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--inner-folds", paramLabel = "K", defaultValue = "5",
      description = "Folds inside the training rows that choose hyperparameters (default: ${DEFAULT-VALUE}).")
  int innerFolds;

  @Option(names = "--policy", paramLabel = "NAME[:k=v,...]",
      description = "A router to run (repeatable): knn, logistic, mlp, mf, ensemble[:members=knn+mlp], or trained:artifact=FILE. Default: all but trained.")
  List<String> policies = new ArrayList<>();

  @Option(names = "--models", split = ",", paramLabel = "NAME", description = "Keep only these models (e.g. two, for APGR and CPT).")
  List<String> models = new ArrayList<>();

  @Option(names = "--model-cost", paramLabel = "NAME=USD", description = "Cost per call for a model the data does not price.")
  Map<String, Double> modelCosts = new LinkedHashMap<>();

  @Option(names = "--config", paramLabel = "FILE", description = "Take prices per 1M tokens for unpriced models from this configuration.")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", description = "Write results.json, report.md and frontier plots (SVG, PNG) here.")
  Path out;

  @Option(names = "--cache", paramLabel = "DIR", description = "Embedding cache folder (default: ~/.cache/signalbox/embeddings).")
  Path cache;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for folds and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Catalog catalog = config == null ? null : ConfigLoader.load(config).catalog();
    EvalRunner.Options o = new EvalRunner.Options(data, train, test, folds, innerFolds, policies, models, modelCosts, catalog, seed);
    var records = EvalRunner.records(o);
    Embedder embedder = cachedEmbedder(cache, EvalRunner.datasetName(o));
    EvalData evalData = EvalData.of(records, embedder, new Costs(modelCosts, catalog));
    Evaluation.Result result = EvalRunner.run(o, evalData, embedder);
    System.out.print(TextTables.plain(result));
    if (out != null) {
      Reports.write(out, result, commandLine());
      System.out.println("\nwrote " + out.resolve("results.json") + ", report.md and frontier plots");
    }
    System.err.printf("signalbox eval: %.1f s%n", (System.nanoTime() - start) / 1e9);
    return 0;
  }

  static Embedder cachedEmbedder(Path cacheDir, String dataset) {
    Embedder base = Embedders.miniLm();
    Path dir = cacheDir != null ? cacheDir : EmbeddingCache.defaultDir();
    return new CachedEmbedder(base, EmbeddingCache.open(dir, dataset, base.id(), base.dimensions()));
  }

  private String commandLine() {
    StringBuilder sb = new StringBuilder("./signalbox eval");
    append(sb, "--data", data);
    append(sb, "--train", train);
    append(sb, "--test", test);
    for (String p : policies) {
      sb.append(" --policy ").append(p);
    }
    if (!models.isEmpty()) {
      sb.append(" --models ").append(String.join(",", models));
    }
    modelCosts.forEach((k, v) -> sb.append(" --model-cost ").append(k).append('=').append(v));
    if (train.isEmpty()) {
      sb.append(" --folds ").append(folds);
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String flag, List<String> values) {
    if (!values.isEmpty()) {
      sb.append(' ').append(flag);
      values.forEach(v -> sb.append(" '").append(v).append('\''));
    }
  }
}
