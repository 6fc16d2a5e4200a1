package dev.signalbox.bench;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.learn.bandit.BanditRouter;
import dev.signalbox.learn.bandit.BanditSettings;
import dev.signalbox.learn.bandit.Exploration;
import dev.signalbox.learn.features.Context;
import dev.signalbox.learn.features.ContextFeatures;
import dev.signalbox.learn.features.HeuristicTasks;
import dev.signalbox.learn.online.Draws;
import dev.signalbox.learn.online.OnlineRouter;
import dev.signalbox.learn.online.Reward;
import dev.signalbox.learn.pheromone.PheromoneRouter;
import dev.signalbox.learn.pheromone.PheromoneSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision of an online policy with the features given (the target: under
 * 20 µs), over 11 models (RouterBench's pool) and GreenServ's full context (bias, 8 task labels, 3
 * clusters, 3 complexity bins: d = 15), after 2,000 learned outcomes. {@code routeAndLearn} adds
 * what a request costs the learner end to end without an embedding: the task and complexity
 * features, the pending entry, and an inline update.
 *
 * <p>Run: {@code ./mvnw -q -Pbench package -pl signalbox-bench -am -DskipTests && java -jar
 * signalbox-bench/target/benchmarks.jar OnlineDecision}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OnlineDecisionBenchmark {
  private static final int MODELS = 11;
  private static final List<String> TASKS = List.of("code", "math", "reasoning", "general");

  @Param({"linucb", "thompson", "epsilon-greedy", "pheromone"})
  public String policy;

  private OnlineRouter router;
  private Context[] contexts;
  private Signals[] signals;
  private int next;
  private long ids;

  @Setup
  public void setUp() {
    List<String> models = new ArrayList<>();
    for (int m = 0; m < MODELS; m++) {
      models.add("model-" + m);
    }
    ContextFeatures features = new ContextFeatures(List.of(ContextFeatures.Block.TASK, ContextFeatures.Block.CLUSTER,
        ContextFeatures.Block.COMPLEXITY), new HeuristicTasks(), 3, new double[] {20, 30});
    OnlineRouter.Setup setup = new OnlineRouter.Setup(policy, features, new Reward(0.1, 0.005, 0), 100_000, Double.NaN,
        false, () -> null, Draws.seeded(7));
    if (policy.equals("pheromone")) {
      router = new PheromoneRouter(setup, PheromoneSettings.defaults(), models);
    } else {
      Exploration e = policy.equals("linucb") ? Exploration.UCB
          : policy.equals("thompson") ? Exploration.THOMPSON : Exploration.EPSILON_GREEDY;
      BanditSettings g = BanditSettings.greenServ(e);
      router = new BanditRouter(setup, new BanditSettings(e, g.regularization(), g.alpha(), g.sigma(), g.epsilon(),
          g.epsilonDecay(), g.epsilonMin(), 0.99, false, true), models);
    }
    SplittableRandom rnd = new SplittableRandom(11);
    signals = new Signals[256];
    contexts = new Context[signals.length];
    for (int i = 0; i < signals.length; i++) {
      float[] e = new float[384];
      for (int d = 0; d < e.length; d++) {
        e[d] = (float) rnd.nextDouble(-1, 1);
      }
      signals[i] = new Signals(200, -1, "Write a function that reverses a list, then explain its complexity.",
          TASKS.get(i % TASKS.size()), 1, e);
      contexts[i] = features.context(signals[i]);
    }
    for (int i = 0; i < 2000; i++) {
      routeAndLearn();
    }
  }

  /** The decision alone: the policy reads its published state for a given context. */
  @Benchmark
  public OnlineRouter.Choice decide() {
    return router.choose(contexts[next++ & 255]);
  }

  /** A request end to end for the learner: features (with the cluster), decision, pending entry, inline update. */
  @Benchmark
  public String routeAndLearn() {
    String id = Long.toString(ids++);
    Signals s = signals[next++ & 255];
    String model = router.route(new RouteRequest(id, Operation.CHAT, "auto", List.of(Message.user("x")), -1, false,
        Map.of()), s).model();
    router.learn(id, Outcome.judged((ids & 3) == 0 ? 0 : 1, 0.001));
    return model;
  }
}
