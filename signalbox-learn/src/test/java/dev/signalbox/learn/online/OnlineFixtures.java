package dev.signalbox.learn.online;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.learn.features.ContextFeatures;
import dev.signalbox.learn.features.HeuristicTasks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Online routers for tests: task features from the keyword heuristic, inline updates, seeded draws. */
public final class OnlineFixtures {
  private static final AtomicInteger IDS = new AtomicInteger();

  private OnlineFixtures() {}

  /** A setup with one-hot task features (bias + 8 heuristic labels), reward λ and cost scale 1, no latency. */
  public static OnlineRouter.Setup setup(String policy, double lambda) {
    return new OnlineRouter.Setup(policy, new ContextFeatures(List.of(ContextFeatures.Block.TASK), new HeuristicTasks(), 3,
        new double[] {20, 30}), new Reward(lambda, 1, 0), 1000, Double.NaN, false, () -> null, Draws.seeded(1));
  }

  /** Signals of a prompt the heuristic labels {@code task}. */
  public static Signals signals(String task) {
    return new Signals(10, -1, "text", task, 1, null);
  }

  /** Routes one request of {@code task} and returns its id and model. */
  public static String[] route(LearningRouter router, String task) {
    String id = "r" + IDS.incrementAndGet();
    RouteRequest req = new RouteRequest(id, Operation.CHAT, "auto", List.of(Message.user("text")), -1, false, Map.of());
    return new String[] {id, router.route(req, signals(task)).model()};
  }

  /** Routes a request of {@code task} and learns the outcome {@code quality(model)} at zero cost; returns the model. */
  public static String step(LearningRouter router, String task, java.util.function.ToDoubleFunction<String> quality) {
    String[] r = route(router, task);
    router.learn(r[0], Outcome.judged(quality.applyAsDouble(r[1]), 0));
    return r[1];
  }
}
