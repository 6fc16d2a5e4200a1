package dev.signalbox.cli;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.EvalRunner;
import dev.signalbox.learn.RouterArtifact;
import dev.signalbox.learn.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Trains a learned router and writes its artifact, which eval and the gateway's trained policy load. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a learned router on a routing dataset and write its artifact (JSON).",
        "Hyperparameters are chosen by cross-validation on the training rows; the knob is calibrated on",
        "their out-of-fold predictions. Serve it with a route {policy: trained, artifact: FILE}."})
final class TrainCommand implements Callable<Integer> {

  @Option(names = "--data", arity = "1..*", paramLabel = "PATH",
      description = "Files, folders or globs; rows marked split=test are left out.")
  List<String> data = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "NAME[:k=v,...]", defaultValue = "ensemble",
      description = "knn, cluster, logistic, mlp, mf, task, ensemble[:members=...] or stack[:members=...] (default: ${DEFAULT-VALUE}).")
  String policy;

  @ArgGroup(exclusive = true)
  Knob knob = new Knob();

  static final class Knob {
    @Option(names = "--lambda", paramLabel = "L", description = "Set the knob λ directly.")
    Double lambda;

    @Option(names = "--target-cost", paramLabel = "USD", description = "Best quality within this mean cost per prompt.")
    Double targetCost;

    @Option(names = "--target-quality", paramLabel = "Q", description = "Cheapest setting reaching this mean quality.")
    Double targetQuality;
  }

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the router artifact.")
  Path out;

  @Mixin
  DatasetOptions options = new DatasetOptions();

  @Override
  public Integer call() {
    EvalRunner.Options o = new EvalRunner.Options(data, List.of(), List.of(), 5, false, options.innerFolds, List.of(policy),
        options.models, options.modelCosts, options.catalog(), options.seed);
    Embedder embedder = options.embedder(EvalRunner.datasetName(o));
    EvalData d = EvalData.of(EvalRunner.records(o), embedder, options.costs());
    int[] rows = java.util.stream.IntStream.range(0, d.records().size())
        .filter(i -> !"test".equals(d.records().get(i).split())).toArray();
    Trainer.Trained t = new Trainer(d.data(), new Trainer.Settings(options.innerFolds, options.seed, null, null)).train(policy, rows);
    double lambda = knob.lambda != null ? knob.lambda
        : knob.targetCost != null ? t.calibration().lambdaForCost(knob.targetCost)
        : knob.targetQuality != null ? t.calibration().lambdaForQuality(knob.targetQuality)
        : defaultLambda(d, rows, t);
    Map<String, Object> trainedOn = new LinkedHashMap<>();
    trainedOn.put("data", data);
    trainedOn.put("rows", rows.length);
    trainedOn.put("seed", options.seed);
    RouterArtifact.of(t, d.data().models(), embedder.id(), lambda, trainedOn).write(out);
    System.out.printf(Locale.ROOT, "trained %s (chosen: %s) on %d prompts; λ=%.4g; wrote %s%n", policy, t.chosen(),
        rows.length, lambda, out);
    return 0;
  }

  /** The cheapest setting whose out-of-fold quality reaches the best single model's (else λ = 0). */
  private static double defaultLambda(EvalData d, int[] rows, Trainer.Trained t) {
    double best = 0;
    for (double q : d.data().meanOver(d.data().quality(), rows)) {
      best = Math.max(best, q);
    }
    return t.calibration().lambdaForQuality(best);
  }
}
