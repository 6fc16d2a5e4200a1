package dev.signalbox.eval.online;

import dev.signalbox.report.console.ProgressBar;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.eval.route.ConfiguredRoute;
import dev.signalbox.learn.Folds;
import dev.signalbox.learn.bandit.BanditRouter;
import dev.signalbox.learn.features.TaskClassifier;
import dev.signalbox.learn.features.TaskModel;
import dev.signalbox.learn.online.Example;
import dev.signalbox.learn.pheromone.PheromoneRouter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The online replay behind {@code signalbox eval --online}: the trace's stream rows are shown to
 * every policy one at a time in a seeded order, each policy sees only the outcome of the model it
 * chose (bandit feedback), and regret is measured against the best reward any available model
 * had on that prompt. The stationary stream runs first, then each drift scenario on the same
 * orders. Learners are built fresh per seed and scenario by the same providers the gateway uses.
 */
public final class OnlineReplay {

  /**
   * @param policies policy specs ({@link OnlinePolicies}), empty for the default line-up
   * @param drifts drift scenarios to run after the stationary stream
   * @param seeds how many stream orders
   * @param seed the first order's seed (the others follow it)
   * @param routes configured routes to replay beside the policies
   */
  public record Options(List<String> policies, List<DriftSpec> drifts, int seeds, long seed, List<ConfiguredRoute> routes) {
    public Options {
      if (seeds < 1) {
        throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
      }
      routes = List.copyOf(routes);
    }

    public Options(List<String> policies, List<DriftSpec> drifts, int seeds, long seed) {
      this(policies, drifts, seeds, seed, List.of());
    }
  }

  private OnlineReplay() {}

  /** Runs every policy on every scenario and seed. */
  public static OnlineResult run(OnlineData data, Options o) {
    List<String> specs = new ArrayList<>(o.policies().isEmpty() ? OnlinePolicies.DEFAULT : o.policies());
    Map<String, ConfiguredRoute> routes = new LinkedHashMap<>();
    for (ConfiguredRoute r : o.routes()) {
      routes.put(r.name(), r);
      specs.add(r.name());
    }
    TaskModel tasks = data.hasTaskLabels() ? fitTasks(data) : null;
    List<Example> warm = data.warmExamples();
    String best = data.bestFixedModel();
    List<DriftSpec> drifts = new ArrayList<>();
    for (DriftSpec d : o.drifts()) {
      DriftSpec resolved = d.resolved(best);
      for (DriftSpec.Change c : resolved.changes()) {
        if (!data.models().contains(c.model())) {
          throw new IllegalArgumentException("--drift '" + d.text() + "': no model '" + c.model() + "'; the data has "
              + data.models());
        }
      }
      drifts.add(resolved);
    }
    List<OnlineResult.Scenario> scenarios = new ArrayList<>();
    Map<String, Map<String, Map<String, Double>>> explanations = new LinkedHashMap<>();
    long units = (long) (1 + drifts.size()) * o.seeds() * specs.size();
    try (ProgressBar bar = ProgressBar.start("online replay", units)) {
      Replay env = new Replay(data, specs, routes, tasks, warm, best, o, bar);
      scenarios.add(env.scenario(null, explanations));
      for (DriftSpec d : drifts) {
        scenarios.add(env.scenario(d, null));
      }
    }
    String protocol = data.warmRows().length > 0
        ? data.streamRows().length + " stream prompts (every row not in the training split) in " + o.seeds()
            + " seeded orders; the " + data.warmRows().length + " training rows fit the task classifier and warm up the"
            + " policies whose spec says warm>0"
        : data.streamRows().length + " stream prompts in " + o.seeds() + " seeded orders; no training rows (tasks by"
            + " keywords, nothing warm)";
    if (!routes.isEmpty()) {
      protocol += "; " + ConfiguredRoute.reportNote(o.routes(), "starts as configured, cold, and learns from the"
          + " outcome of each of its choices (its draws seeded by the order's seed unless it sets its own)");
    }
    return new OnlineResult(protocol, data.models(), data.reward(), data.streamRows().length, data.warmRows().length,
        o.seeds(), best, scenarios, explanations);
  }

  /** The task classifier of the warm-up rows (GreenServ's task type, trained from the trace's labels). */
  static TaskModel fitTasks(OnlineData data) {
    List<float[]> embeddings = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int r : data.warmRows()) {
      if (data.signals(r).hasEmbedding()) {
        embeddings.add(data.signals(r).embedding());
        labels.add(data.task(r));
      }
    }
    return embeddings.isEmpty() ? null : TaskClassifier.fit(embeddings, labels);
  }

  /** One replay's fixed inputs. */
  private record Replay(OnlineData data, List<String> specs, Map<String, ConfiguredRoute> routes, TaskModel tasks,
      List<Example> warm, String best, Options o, ProgressBar bar) {

    OnlineResult.Scenario scenario(DriftSpec drift, Map<String, Map<String, Map<String, Double>>> explanations) {
      World world = new World(data, drift);
      int n = data.streamRows().length;
      int seeds = o.seeds();
      List<OnlineResult.PolicyRun> runs = new ArrayList<>();
      int[][] orders = new int[seeds][];
      for (int s = 0; s < seeds; s++) {
        orders[s] = Folds.shuffled(data.streamRows(), o.seed() + s);
      }
      for (String spec : specs) {
        double[] regret = new double[seeds];
        double[] reward = new double[seeds];
        double[] quality = new double[seeds];
        double[] cost = new double[seeds];
        double[] curve = new double[n];
        int[][] chosen = new int[seeds][];
        String[][] taskOf = new String[seeds][];
        for (int s = 0; s < seeds; s++) {
          long seed = o.seed() + s;
          Contender c = contender(spec, world, seed);
          Stream run = stream(c, orders[s], world, seed);
          regret[s] = run.regret[n - 1];
          reward[s] = run.reward / n;
          quality[s] = run.quality / n;
          cost[s] = run.cost / n;
          for (int t = 0; t < n; t++) {
            curve[t] += run.regret[t] / seeds;
          }
          chosen[s] = run.chosen;
          taskOf[s] = run.tasks;
          if (explanations != null && s == 0 && c.learner() != null) {
            explanations.put(spec, explain(c.learner()));
          }
          if (c.learner() != null) {
            c.learner().close();
          }
          bar.advance(1);
        }
        runs.add(new OnlineResult.PolicyRun(spec, OnlineResult.Stats.of(regret), OnlineResult.Stats.of(reward),
            OnlineResult.Stats.of(quality), OnlineResult.Stats.of(cost), curve, world.movedOff(chosen),
            world.movedTo(chosen, taskOf)));
      }
      return new OnlineResult.Scenario(drift == null ? "stationary" : drift.label(), drift,
          drift == null ? 0 : drift.start(n), runs);
    }

    private Contender contender(String spec, World world, long seed) {
      if (spec.equals("random")) {
        return Contender.random(seed);
      }
      if (spec.equals("best-fixed")) {
        return Contender.fixed("best-fixed", data.modelsByReward());
      }
      if (routes.containsKey(spec)) {
        return Contender.route(routes.get(spec), seed, data.models(), world.initialPool());
      }
      return Contender.learner(spec, OnlinePolicies.build(spec, data, tasks, warm, world.initialPool(), seed), data);
    }

    private Stream stream(Contender c, int[] order, World world, long seed) {
      int n = order.length;
      Stream out = new Stream(n);
      double cumulative = 0;
      for (int t = 0; t < n; t++) {
        for (String added : world.addedAt(t)) {
          c.poolChanged(added, true);
        }
        for (String removed : world.removedAt(t)) {
          c.poolChanged(removed, false);
        }
        int row = order[t];
        List<String> available = world.available(t);
        String id = "s" + seed + "-" + t;
        String model = c.choose(id, row, available);
        int m = data.models().indexOf(model);
        if (m < 0 || !available.contains(model)) {
          throw new IllegalStateException("policy " + c.name + " chose '" + model + "', not in the pool " + available);
        }
        double q = world.quality(t, row, m);
        double cost = world.cost(t, row, m);
        c.learn(id, Outcome.judged(q, cost));
        double r = data.reward().of(q, cost, Double.NaN);
        cumulative += world.bestReward(t, row) - r;
        out.regret[t] = cumulative;
        out.reward += r;
        out.quality += q;
        out.cost += cost;
        out.chosen[t] = m;
        out.tasks[t] = data.task(row);
      }
      return out;
    }
  }

  /** One policy's pass over one order. */
  private static final class Stream {
    final double[] regret;
    final int[] chosen;
    final String[] tasks;
    double reward;
    double quality;
    double cost;

    Stream(int n) {
      regret = new double[n];
      chosen = new int[n];
      tasks = new String[n];
    }
  }

  /** What a learner learned, per intent and model: the pheromone matrix or the bandit's reward by task. */
  private static Map<String, Map<String, Double>> explain(LearningRouter learner) {
    if (learner instanceof PheromoneRouter) {
      return ((PheromoneRouter) learner).matrix();
    }
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    if (learner instanceof BanditRouter) {
      learner.explain().path("reward_by_task").fields().forEachRemaining(task -> {
        Map<String, Double> row = new LinkedHashMap<>();
        task.getValue().fields().forEachRemaining(m -> row.put(m.getKey(), m.getValue().asDouble()));
        out.put(task.getKey(), row);
      });
    }
    return out;
  }
}
