package dev.signalbox.cli;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.EvalRunner;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.online.DriftSpec;
import dev.signalbox.eval.online.OnlineData;
import dev.signalbox.eval.online.OnlineReplay;
import dev.signalbox.eval.online.OnlineResult;
import dev.signalbox.eval.report.OnlineReports;
import dev.signalbox.eval.report.Reports;
import dev.signalbox.eval.report.TextTables;
import dev.signalbox.eval.route.ConfiguredRoute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Replays a routing dataset through every policy and reports quality, cost, AIQ, APGR and CPT. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Evaluate routers offline on a routing dataset (generic JSONL trace, RouterBench CSV, RouterDC JSON)."
        + " With --train/--test it fits on one and reports on the other; with --data it uses the records' split field,"
        + " else K-fold cross-validation. Baselines (random, each single model, zero router, task-aware, task-oracle,"
        + " oracle) always run beside the routers.",
        "",
        "With --config FILE --route NAME it replays a route of that configuration (rules, fixed, trained or online) as"
        + " the gateway serves it, its models mapped onto the trace's by name or --map, and scores it beside the others.",
        "",
        "With --online it streams the test rows instead, one prompt at a time in a seeded order, through online learners"
        + " (bandits, pheromones) that see only the chosen model's outcome, and reports cumulative regret (optionally"
        + " under --drift scenarios).",
        ""})
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
      description = "A router to run (repeatable): knn, cluster, logistic, mlp, mf, task, ensemble[:members=cluster+logistic+mlp], stack[:members=task+knn+...], or trained:artifact=FILE. Default: all but trained. Online: greenserv-linucb, greenserv-thompson, greenserv-epsilon-greedy, linucb, thompson, epsilon-greedy, pheromone (settings after a colon, e.g. thompson:warm=0), random, best-fixed.")
  List<String> policies = new ArrayList<>();

  @Option(names = "--route", paramLabel = "NAME",
      description = "A route of --config FILE, replayed as the gateway serves it (repeatable; auto: the default route): a"
          + " row route:NAME beside the routers and baselines. A learning route learns from the trace's outcomes as it goes.")
  List<String> routes = new ArrayList<>();

  @Option(names = "--map", paramLabel = "CATALOG=TRACE",
      description = "With --route: the trace's name for a model of the configuration, where the names differ (repeatable).")
  Map<String, String> modelMap = new LinkedHashMap<>();

  @Option(names = "--only-routes",
      description = "With --route: no built-in routers (online: no built-in learners), only the routes and the baselines"
          + " (online: random and best-fixed).")
  boolean onlyRoutes;

  @Option(names = "--online", description = "Online replay: bandit feedback, cumulative regret, drift scenarios.")
  boolean online;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "5",
      description = "Online: stream orders, each seeded from --seed on (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--drift", paramLabel = "SPEC",
      description = "Online: a drift scenario (repeatable): quality:MODEL=0@300, quality:MODEL*0.5@30%%, price:MODEL*10@300, "
          + "add:MODEL@300, remove:MODEL@300, joined by ';'; MODEL may be 'best' (the best fixed model).")
  List<String> drifts = new ArrayList<>();

  @Option(names = "--lambda", paramLabel = "λ", defaultValue = "0.1",
      description = "Online: reward = (1 − λ)·quality − λ·cost/(the dearest model's mean cost) (default: ${DEFAULT-VALUE}).")
  double lambda;

  @Mixin
  DatasetOptions options = new DatasetOptions();

  @Option(names = "--out", paramLabel = "DIR", description = "Write results.json, report.md and the plots here: frontier-TASK.svg|png (cost on a log scale), or regret-SCENARIO.svg|png with --online.")
  Path out;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    EvalRunner.Options o = new EvalRunner.Options(data, train, test, folds == null ? 5 : folds, folds != null,
        options.innerFolds, policies,
        options.models, options.modelCosts, options.catalog(), options.seed);
    checkRouteOptions();
    ConfiguredRoute.Source source = routes.isEmpty() ? null : ConfiguredRoute.read(options.config, routes);
    var records = EvalRunner.records(o);
    Embedder embedder = options.embedder(EvalRunner.datasetName(o));
    EvalData evalData = EvalData.of(records, embedder, options.costs());
    List<ConfiguredRoute> bound = source == null ? List.of() : source.bind(modelMap, evalData, embedder);
    if (online) {
      return online(evalData, bound, start);
    }
    Evaluation.Result result = EvalRunner.run(o, evalData, embedder, bound, !onlyRoutes);
    System.out.print(TextTables.plain(result));
    if (out != null) {
      Reports.write(out, result, commandLine());
      System.out.println("\nwrote " + out.resolve("results.json") + ", report.md and frontier plots");
    }
    System.err.printf("signalbox eval: %.1f s%n", (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private void checkRouteOptions() {
    if (routes.isEmpty() && (onlyRoutes || !modelMap.isEmpty())) {
      throw new IllegalArgumentException((onlyRoutes ? "--only-routes" : "--map") + " goes with --route NAME");
    }
    if (!routes.isEmpty() && options.config == null) {
      throw new IllegalArgumentException("--route " + routes.get(0) + " needs --config FILE, the configuration it is in");
    }
    if (onlyRoutes && !policies.isEmpty()) {
      throw new IllegalArgumentException("--only-routes runs no --policy; drop one of them");
    }
  }

  private int online(EvalData evalData, List<ConfiguredRoute> bound, long start) {
    List<DriftSpec> parsed = drifts.stream().map(DriftSpec::parse).toList();
    List<String> learners = onlyRoutes ? List.of("random", "best-fixed") : policies;
    OnlineResult result = OnlineReplay.run(OnlineData.of(evalData, lambda),
        new OnlineReplay.Options(learners, parsed, seeds, options.seed, bound));
    System.out.print(OnlineReports.plain(result));
    if (out != null) {
      OnlineReports.write(out, result, commandLine());
      System.out.println("\nwrote " + out.resolve("results.json") + ", report.md and regret plots");
    }
    System.err.printf("signalbox eval --online: %.1f s%n", (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private String commandLine() {
    StringBuilder sb = new StringBuilder("./signalbox eval");
    if (online) {
      sb.append(" --online --seeds ").append(seeds).append(" --lambda ").append(lambda);
      drifts.forEach(d -> sb.append(" --drift '").append(d).append('\''));
    }
    append(sb, "--data", data);
    append(sb, "--train", train);
    append(sb, "--test", test);
    for (String p : policies) {
      sb.append(" --policy ").append(p);
    }
    if (!routes.isEmpty()) {
      sb.append(" --config '").append(options.config).append('\'');
      routes.forEach(r -> sb.append(" --route ").append(r));
      modelMap.forEach((k, v) -> sb.append(" --map ").append(k).append('=').append(v));
      sb.append(onlyRoutes ? " --only-routes" : "");
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
