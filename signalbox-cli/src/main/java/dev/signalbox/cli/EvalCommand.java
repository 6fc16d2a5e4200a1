package dev.signalbox.cli;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.EvalRunner;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.report.Reports;
import dev.signalbox.eval.report.TextTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Option(names = "--folds", paramLabel = "K",
      description = "Cross-validate with K folds (with --data; ignores any split field). Default: the split field, else 5 folds.")
  Integer folds;

  @Option(names = "--policy", paramLabel = "NAME[:k=v,...]",
      description = "A router to run (repeatable): knn, cluster, logistic, mlp, mf, task, ensemble[:members=cluster+logistic+mlp], stack[:members=task+knn+...], or trained:artifact=FILE. Default: all but trained.")
  List<String> policies = new ArrayList<>();

  @Mixin
  DatasetOptions options = new DatasetOptions();

  @Option(names = "--out", paramLabel = "DIR", description = "Write results.json, report.md and frontier plots (SVG, PNG) here.")
  Path out;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    EvalRunner.Options o = new EvalRunner.Options(data, train, test, folds == null ? 5 : folds, folds != null,
        options.innerFolds, policies,
        options.models, options.modelCosts, options.catalog(), options.seed);
    var records = EvalRunner.records(o);
    Embedder embedder = options.embedder(EvalRunner.datasetName(o));
    EvalData evalData = EvalData.of(records, embedder, options.costs());
    Evaluation.Result result = EvalRunner.run(o, evalData, embedder);
    System.out.print(TextTables.plain(result));
    if (out != null) {
      Reports.write(out, result, commandLine());
      System.out.println("\nwrote " + out.resolve("results.json") + ", report.md and frontier plots");
    }
    System.err.printf("signalbox eval: %.1f s%n", (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private String commandLine() {
    StringBuilder sb = new StringBuilder("./signalbox eval");
    append(sb, "--data", data);
    append(sb, "--train", train);
    append(sb, "--test", test);
    for (String p : policies) {
      sb.append(" --policy ").append(p);
    }
    if (!options.models.isEmpty()) {
      sb.append(" --models ").append(String.join(",", options.models));
    }
    options.modelCosts.forEach((k, v) -> sb.append(" --model-cost ").append(k).append('=').append(v));
    if (folds != null) {
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
