package dev.signalbox.eval.policy;

import dev.signalbox.core.routing.Outcome;
import dev.signalbox.eval.EvalData;
import dev.signalbox.eval.route.ConfiguredRoute;
import dev.signalbox.eval.route.RouteReplay;
import dev.signalbox.learn.Folds;
import java.util.List;

/**
 * A route of a configuration under offline evaluation, as the gateway serves it: one operating
 * point, the route's own setting. A route that learns serves the training prompts first, then
 * the test prompts, both in an order seeded by {@code seed}, and after each choice learns the
 * trace's quality and cost of the model it chose (bandit feedback); only the test prompts are
 * measured.
 */
public final class RoutePolicy implements Policy {
  private final ConfiguredRoute route;
  private final long seed;

  public RoutePolicy(ConfiguredRoute route, long seed) {
    this.route = route;
    this.seed = seed;
  }

  @Override
  public String name() {
    return route.name();
  }

  @Override
  public Kind kind() {
    return Kind.ROUTE;
  }

  @Override
  public List<OperatingPoint> run(EvalData data, int[] train, int[] test) {
    int[] choice = Policy.blank(data);
    try (RouteReplay replay = route.replay(seed)) {
      if (replay.learns()) {
        serve(replay, data, Folds.shuffled(train, seed), null);
        serve(replay, data, Folds.shuffled(test, seed), choice);
      } else {
        serve(replay, data, test, choice);
      }
    }
    return List.of(OperatingPoint.of(replay(route), choice));
  }

  /** Routes the rows in order, learning each outcome; records the choices in {@code choice} when given. */
  private static void serve(RouteReplay replay, EvalData data, int[] rows, int[] choice) {
    for (int row : rows) {
      String id = "row-" + row;
      int m = replay.decide(id, row).model();
      replay.learn(id, row, m, Outcome.judged(data.data().quality()[row][m], data.data().cost()[row][m]));
      if (choice != null) {
        choice[row] = m;
      }
    }
  }

  private static String replay(ConfiguredRoute route) {
    return route.learns() ? "as configured, learning" : "as configured";
  }
}
