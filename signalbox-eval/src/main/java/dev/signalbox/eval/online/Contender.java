package dev.signalbox.eval.online;

import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.eval.route.ConfiguredRoute;
import dev.signalbox.eval.route.RouteReplay;
import dev.signalbox.eval.trace.TraceRecord;
import dev.signalbox.learn.online.Draws;
import java.util.List;
import java.util.Map;

/**
 * One policy in an online replay. A learner is driven exactly as the gateway drives it (route a
 * request, then {@link LearningRouter#learn} its outcome under the request id); the reference
 * policies (random, the best fixed model in hindsight) ignore outcomes.
 */
abstract class Contender {
  final String name;

  Contender(String name) {
    this.name = name;
  }

  /** The model chosen for a request (a row of the trace) among the available ones. */
  abstract String choose(String requestId, int row, List<String> available);

  /** The outcome of the last choice. */
  void learn(String requestId, Outcome outcome) {}

  /** The pool grows or shrinks. */
  void poolChanged(String model, boolean added) {}

  /** The learner behind it, if any. */
  LearningRouter learner() {
    return null;
  }

  static Contender learner(String name, LearningRouter router, OnlineData data) {
    return new Contender(name) {
      @Override
      String choose(String requestId, int row, List<String> available) {
        TraceRecord record = data.data().records().get(row);
        RouteRequest request = new RouteRequest(requestId, Operation.CHAT, "auto", record.messages(), -1, false, Map.of());
        return router.route(request, data.signals(row)).model();
      }

      @Override
      void learn(String requestId, Outcome outcome) {
        router.learn(requestId, outcome);
      }

      @Override
      void poolChanged(String model, boolean added) {
        if (added) {
          router.onboard(model);
        } else {
          router.retire(model);
        }
      }

      @Override
      LearningRouter learner() {
        return router;
      }
    };
  }

  /**
   * A configured route, replayed as the gateway serves it: a learning one learns each outcome; a
   * choice out of the pool goes to the route's first fallback in it, as the gateway's would.
   */
  static Contender route(ConfiguredRoute route, long seed, List<String> models, List<String> pool) {
    RouteReplay replay = route.replay(seed);
    models.stream().filter(m -> !pool.contains(m)).forEach(m -> replay.poolChanged(m, false));
    return new Contender(route.name()) {
      private int row;
      private int answered;

      @Override
      String choose(String requestId, int row, List<String> available) {
        RouteReplay.Choice choice = replay.decide(requestId, row);
        String chosen = models.get(choice.model());
        if (!available.contains(chosen)) {
          chosen = choice.fallbacks().stream().map(models::get).filter(available::contains).findFirst().orElse(chosen);
        }
        this.row = row;
        this.answered = models.indexOf(chosen);
        return chosen;
      }

      @Override
      void learn(String requestId, Outcome outcome) {
        replay.learn(requestId, row, answered, outcome);
      }

      @Override
      void poolChanged(String model, boolean added) {
        replay.poolChanged(model, added);
      }

      @Override
      LearningRouter learner() {
        return replay.learner();
      }
    };
  }

  /** Uniformly random among the available models. */
  static Contender random(long seed) {
    Draws draws = Draws.seeded(seed);
    return new Contender("random") {
      @Override
      String choose(String requestId, int row, List<String> available) {
        return available.get(draws.below(available.size()));
      }
    };
  }

  /**
   * The first model of {@code ranking} in the pool: the best fixed model in hindsight, or while it
   * is out of the pool the next best (a reference, not an online policy).
   */
  static Contender fixed(String name, List<String> ranking) {
    return new Contender(name) {
      @Override
      String choose(String requestId, int row, List<String> available) {
        return ranking.stream().filter(available::contains).findFirst().orElseThrow();
      }
    };
  }
}
