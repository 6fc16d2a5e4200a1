package dev.signalbox.eval;

import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.eval.policy.Baselines;
import dev.signalbox.eval.policy.LearnedPolicy;
import dev.signalbox.eval.policy.Policy;
import dev.signalbox.eval.policy.RoutePolicy;
import dev.signalbox.eval.route.ConfiguredRoute;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import dev.signalbox.eval.trace.Traces;
import dev.signalbox.learn.RouterArtifact;
import dev.signalbox.learn.Trainer;
import dev.signalbox.learn.quality.QualityModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code signalbox eval} does, without the command line: load, embed, replay, measure. */
public final class EvalRunner {
  /** The learned routers run when no policy is named. */
  public static final List<String> DEFAULT_ROUTERS = List.of("knn", "cluster", "logistic", "mlp", "mf", "task", "ensemble", "stack");

  private EvalRunner() {}

  /**
   * @param data paths whose records carry a split (or are cross-validated)
   * @param train training paths (with {@code test})
   * @param test test paths (with {@code train})
   * @param folds outer folds when cross-validating
   * @param crossValidate cross-validate even when the records carry a split
   * @param innerFolds folds for choosing hyperparameters inside the training rows
   * @param policies router specs, or empty for every router; baselines always run
   * @param models the pool to keep (empty: every model scored on every record)
   * @param modelCosts USD per call for models the data does not price
   * @param catalog prices per 1M tokens for models the data does not price, or null
   */
  public record Options(List<String> data, List<String> train, List<String> test, int folds, boolean crossValidate,
      int innerFolds,
      List<String> policies, List<String> models, Map<String, Double> modelCosts, Catalog catalog, long seed) {}

  /** Loads the records of the options, each marked with its split when --train/--test are used. */
  public static List<TraceRecord> records(Options o) {
    List<TraceRecord> out = new ArrayList<>();
    if (!o.train().isEmpty() || !o.test().isEmpty()) {
      if (o.train().isEmpty() || o.test().isEmpty()) {
        throw new IllegalArgumentException("--train and --test go together");
      }
      for (TraceRecord r : Traces.load(o.train())) {
        out.add(withSplit(r, "train", o.models()));
      }
      for (TraceRecord r : Traces.load(o.test())) {
        out.add(withSplit(r, "test", o.models()));
      }
    } else if (!o.data().isEmpty()) {
      for (TraceRecord r : Traces.load(o.data())) {
        out.add(withSplit(r, r.split(), o.models()));
      }
    } else {
      throw new IllegalArgumentException("give --data, or --train with --test");
    }
    return out;
  }

  /** A dataset name for the embedding cache: the folder of the first file. */
  public static String datasetName(Options o) {
    List<String> first = !o.train().isEmpty() ? o.train() : o.data();
    Path file = Traces.expand(first.get(0)).get(0).toAbsolutePath();
    Path parent = file.getParent();
    return parent == null ? "data" : parent.getFileName().toString();
  }

  /** Replays every policy and measures it. */
  public static Evaluation.Result run(Options o, EvalData data, Embedder embedder) {
    return run(o, data, embedder, List.of(), true);
  }

  /**
   * Replays configured routes beside the baselines, and beside the routers of the options unless
   * {@code builtInRouters} is false; the report's protocol says which routes and which costs.
   */
  public static Evaluation.Result run(Options o, EvalData data, Embedder embedder, List<ConfiguredRoute> routes,
      boolean builtInRouters) {
    int[] train = data.rowsOfSplit("train");
    int[] test = data.rowsOfSplit("test");
    boolean split = !o.crossValidate() && train.length > 0 && test.length > 0
        && train.length + test.length == data.records().size();
    List<Policy> policies = new ArrayList<>();
    Trainer trainer = new Trainer(data.data(), new Trainer.Settings(o.innerFolds(), o.seed(), null, null))
        .shareNeighbourSearch(split ? train : data.data().allRows());
    for (String spec : !builtInRouters ? List.<String>of() : o.policies().isEmpty() ? DEFAULT_ROUTERS : o.policies()) {
      policies.add(router(spec, trainer, embedder));
    }
    routes.forEach(r -> policies.add(new RoutePolicy(r, o.seed())));
    policies.addAll(Baselines.all(data.data().models()));
    Evaluation.Result result = split ? Evaluation.trainTest(data, policies, train, test)
        : Evaluation.crossValidate(data, policies, o.folds(), o.seed());
    if (routes.isEmpty()) {
      return result;
    }
    return new Evaluation.Result(result.models(), result.slices(), result.sliceSizes(), result.policies(),
        result.protocol() + "; " + ConfiguredRoute.reportNote(routes, "serves the training prompts, then the test"
            + " prompts, in orders seeded by --seed (" + o.seed() + ", unless the route sets its own seed), learning the"
            + " trace's outcome of each choice; only the test prompts are measured"));
  }

  private static Policy router(String spec, Trainer trainer, Embedder embedder) {
    var parsed = QualityModels.parseSpec(spec);
    if (parsed.getKey().equals("trained")) {
      String file = parsed.getValue().get("artifact");
      if (file == null) {
        throw new IllegalArgumentException("--policy trained needs artifact=FILE");
      }
      return LearnedPolicy.fromArtifact(spec, RouterArtifact.read(Path.of(file)), embedder);
    }
    if (!parsed.getKey().equals("ensemble") && !parsed.getKey().equals("stack")) {
      QualityModels.grid(parsed.getKey(), parsed.getValue()); // fail now on a bad spec
    }
    return LearnedPolicy.trained(spec, trainer, embedder);
  }

  private static TraceRecord withSplit(TraceRecord r, String split, List<String> keep) {
    Map<String, ModelOutcome> models = r.models();
    if (!keep.isEmpty()) {
      models = new LinkedHashMap<>();
      for (String m : keep) {
        ModelOutcome o = r.models().get(m);
        if (o == null) {
          throw new IllegalArgumentException("record " + r.id() + " has no model '" + m + "'; it has " + r.models().keySet());
        }
        models.put(m, o);
      }
    }
    return new TraceRecord(r.id(), r.task(), r.messages(), models, split);
  }
}
