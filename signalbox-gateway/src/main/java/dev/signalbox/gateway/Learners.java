package dev.signalbox.gateway;

import dev.signalbox.core.config.StateConfig;
import dev.signalbox.core.feedback.MeasuredFeedback;
import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.core.state.LearnerSnapshots;
import dev.signalbox.core.state.SharedState;
import dev.signalbox.core.state.SharedStates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The gateway's learning routes ({@link LearningRouter}) over their life: their state restored
 * from the {@link SharedState} at start and written back every {@code state.snapshot_interval_ms}
 * and at shutdown; each request they decided fed to them as measured ({@link MeasuredFeedback});
 * what they have learned shown at {@code GET /admin/learners}. Scores from callers come through
 * {@link FeedbackHandler}.
 */
final class Learners {
  private static final Logger LOG = Logger.getLogger(Learners.class.getName());

  private final Map<String, LearningRouter> learners;
  private final StateConfig config;
  private final SharedState store;
  private long timer = -1;

  Learners(Map<String, LearningRouter> learners, StateConfig config) {
    this.learners = learners;
    this.config = config;
    this.store = learners.isEmpty() ? null : SharedStates.open(config);
  }

  /** Restores every learner from its snapshot, then snapshots periodically. */
  Future<Void> start(Vertx vertx) {
    if (learners.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(LearnerSnapshots.restore(store, learners)).map(report -> {
      report.forEach((route, line) -> LOG.info("route '" + route + "': " + line));
      if (config.snapshotIntervalMs() > 0) {
        timer = vertx.setPeriodic(config.snapshotIntervalMs(), id -> vertx.executeBlocking(this::save, false));
      }
      return null;
    });
  }

  /** Writes every learner's state now (blocking until it is stored). */
  Void save() {
    if (store != null) {
      LearnerSnapshots.save(store, learners).toCompletableFuture().join();
    }
    return null;
  }

  /** Stops the timer, writes the state a last time, and stops the learners' writers. */
  Future<Void> close(Vertx vertx) {
    if (learners.isEmpty()) {
      return Future.succeededFuture();
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return vertx.executeBlocking(() -> {
      try {
        return save();
      } finally {
        learners.values().forEach(LearningRouter::close);
        store.close();
      }
    }, false);
  }

  /**
   * Feeds a request's measured outcome to the learner of the route that decided it, as the
   * gateway makes it (before the answer's last bytes go out), so a client that has read the answer
   * and sends its score finds the outcome there.
   */
  void measured(DecisionRecord record, RequestOutcome outcome) {
    LearningRouter learner = learners.get(record.route());
    if (learner != null) {
      Outcome signal = MeasuredFeedback.of(record.model(), outcome);
      if (signal != null) {
        learner.learn(record.requestId(), signal);
      }
    }
  }

  /** The learner of a route, or null when its policy does not learn. */
  LearningRouter of(String route) {
    return learners.get(route);
  }

  Map<String, LearningRouter> all() {
    return learners;
  }

  /** {@code GET /admin/learners}: per learning route, what it has learned (estimates, pheromone matrix). */
  Buffer explain() {
    List<Map<String, Object>> data = new ArrayList<>();
    learners.forEach((route, learner) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("route", route);
      entry.put("learned", learner.explain());
      data.add(entry);
    });
    return AdminApi.list(data, null);
  }
}
