package dev.signalbox.eval.route;

import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.core.routing.Router;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One replay of a configured route: each record is routed as the gateway routes a request (a
 * {@link RouteRequest} naming the route, with the record's signals), and a learning route is told
 * each outcome under the request's id, as the gateway's feedback does, then flushed so the next
 * decision sees it (a replay repeats exactly).
 */
public final class RouteReplay implements AutoCloseable {
  private final ConfiguredRoute route;
  private final Router router;
  private final LearningRouter learner;

  /**
   * What the route chose for a record.
   *
   * @param model the trace model's index
   * @param fallbacks the route's fallback models that the trace has, as indices, in order
   */
  public record Choice(int model, List<Integer> fallbacks) {}

  RouteReplay(ConfiguredRoute route, Router router) {
    this.route = route;
    this.router = router;
    this.learner = router instanceof LearningRouter l ? l : null;
  }

  /** Routes a record (by its row in the trace) under a request id. */
  public Choice decide(String requestId, int row) {
    TraceRecord record = route.data().records().get(row);
    RouteRequest request = new RouteRequest(requestId, Operation.CHAT, route.requested(), record.messages(), -1, false,
        Map.of());
    String model = router.route(request, route.signals(row)).model();
    int chosen = route.models().require(model, route.name() + " on record " + record.id() + " chose");
    List<Integer> fallbacks = new ArrayList<>();
    for (String f : route.config().fallbacks()) {
      int at = route.models().traceIndex(f);
      if (at >= 0) {
        fallbacks.add(at);
      }
    }
    return new Choice(chosen, fallbacks);
  }

  /**
   * Tells a learning route what became of its decision for {@code requestId} (nothing for others):
   * {@code judged}'s quality and cost, with what the gateway would have measured of the model that
   * answered ({@code model}, a trace model's index): the trace's latency and tokens, where it has them.
   */
  public void learn(String requestId, int row, int model, Outcome judged) {
    if (learner == null) {
      return;
    }
    ModelOutcome o = route.data().records().get(row).models().get(route.data().data().models().get(model));
    Outcome measured = new Outcome(Double.NaN, Double.NaN, o.latencyMs(), tokens(o.inputTokens()),
        tokens(o.outputTokens()), null, true);
    learner.learn(requestId, judged.merge(measured));
    learner.flush();
  }

  private static long tokens(double n) {
    return Double.isNaN(n) ? -1 : Math.round(n);
  }

  /**
   * A trace model joins or leaves the pool: a learning route onboards or retires the catalog
   * models that stand for it (only those it was configured with).
   */
  public void poolChanged(String traceModel, boolean added) {
    if (learner == null) {
      return;
    }
    for (String model : route.models().catalogModels(traceModel)) {
      if (!route.learnerModels().contains(model)) {
        continue;
      }
      if (added && !learner.models().contains(model)) {
        learner.onboard(model);
      } else if (!added && learner.models().contains(model)) {
        learner.retire(model);
      }
    }
  }

  /** Whether the route learns from outcomes. */
  public boolean learns() {
    return learner != null;
  }

  /** The learning router, or null. */
  public LearningRouter learner() {
    return learner;
  }

  @Override
  public void close() {
    if (learner != null) {
      learner.close();
    }
  }
}
