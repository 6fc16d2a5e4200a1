package dev.signalbox.learn.bandit;

import static dev.signalbox.learn.online.OnlineFixtures.route;
import static dev.signalbox.learn.online.OnlineFixtures.setup;
import static dev.signalbox.learn.online.OnlineFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bandits' choice and update rules through the router, as the gateway and the evaluator drive them. */
class BanditRouterTest {
  static final List<String> AB = List.of("a", "b");

  static BanditSettings ucb(double alpha, double discount) {
    return new BanditSettings(Exploration.UCB, 1, alpha, 0, 0, 1, 0, discount, false, false);
  }

  static BanditSettings optimisticUcb(double alpha, double discount) {
    return new BanditSettings(Exploration.UCB, 1, alpha, 0, 0, 1, 0, discount, false, true);
  }

  static BanditRouter router(BanditSettings s) {
    return new BanditRouter(setup(s.exploration().policy(), 0), s, AB);
  }

  @Test
  void linUcb_pickTheHighestUpperBound_byHand() {
    // bias + 8 task labels; "code" is label 0, so x = e0 + e1. One observation of a with reward 1:
    // A = I + x xᵀ, θ·x = 2/3 and xᵀA⁻¹x = 2/3; b is fresh: mean 0, width √2.
    for (double alpha : new double[] {0.5, 1.0}) {
      BanditRouter r = router(ucb(alpha, 1));
      String[] first = route(r, "code");
      r.learn(first[0], Outcome.judged(first[1].equals("a") ? 1 : 0, 0));
      double ucbA = 2.0 / 3 + alpha * Math.sqrt(2.0 / 3);
      double ucbB = alpha * Math.sqrt(2);
      // α = 0.5: a 1.075 > b 0.707; α = 1: a 1.483 > b 1.414
      String expected = first[1].equals("a") ? (ucbA > ucbB ? "a" : "b") : "a";
      assertThat(route(r, "code")[1]).as("α=" + alpha).isEqualTo(expected);
    }
    BanditRouter wide = router(ucb(3, 1));
    wide.learn(route(wide, "code")[0], Outcome.judged(1, 0)); // a (first by index on a tie), reward 1
    assertThat(route(wide, "code")[1]).isEqualTo("b"); // 2/3 + 3·0.816 = 3.12 < 3·1.414 = 4.24
  }

  @Test
  void optimisticStart_triesEveryModel_whereAZeroStartLocksInTheFirst() {
    BanditRouter zero = router(ucb(0.1, 1));
    BanditRouter optimistic = router(optimisticUcb(0.1, 1));
    Set<String> zeroTried = new HashSet<>();
    Set<String> optimisticTried = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      zeroTried.add(step(zero, "code", m -> m.equals("a") ? 0.3 : 0.9));
      optimisticTried.add(step(optimistic, "code", m -> m.equals("a") ? 0.3 : 0.9));
    }
    assertThat(zeroTried).containsExactly("a"); // 0.3 beats a never-tried 0 plus 0.1·√2
    assertThat(optimisticTried).containsExactlyInAnyOrder("a", "b");
    assertThat(route(optimistic, "code")[1]).isEqualTo("b");
  }

  @Test
  void linUcb_withoutExploration_isGreedyRidgeRegression() {
    BanditRouter r = router(ucb(0, 1));
    JsonNode before = r.explain();
    assertThat(before.path("models").path("a").path("observations").asDouble()).isZero();
    for (int i = 0; i < 20; i++) {
      step(r, "code", m -> m.equals("a") ? 0.4 : 0.9);
    }
    // a tie at 0 goes to a; a's estimate is positive after that, so b is never tried without exploration
    assertThat(r.explain().path("models").path("b").path("observations").asDouble()).isZero();
    assertThat(r.explain().path("reward_by_task").path("code").path("a").asDouble()).isCloseTo(0.4 * 20 / 21.0 * 2 / 2.0,
        within(0.05));
  }

  @Test
  void learning_isPerTask_andOnlyForTheChosenModel() {
    BanditRouter r = router(optimisticUcb(0.1, 1));
    for (int i = 0; i < 30; i++) {
      step(r, "code", m -> m.equals("b") ? 1 : 0.2);
      step(r, "math", m -> m.equals("a") ? 1 : 0.2);
    }
    assertThat(route(r, "code")[1]).isEqualTo("b");
    assertThat(route(r, "math")[1]).isEqualTo("a");
    JsonNode byTask = r.explain().path("reward_by_task");
    assertThat(byTask.path("code").path("b").asDouble()).isGreaterThan(0.8);
    assertThat(byTask.path("math").path("a").asDouble()).isGreaterThan(0.8);
  }

  @Test
  void discounting_movesOffAModelThatStartsFailing_whereTheUndiscountedBanditStays() {
    BanditRouter discounted = router(optimisticUcb(0.1, 0.9));
    BanditRouter stationary = router(optimisticUcb(0.1, 1));
    for (BanditRouter r : List.of(discounted, stationary)) {
      for (int i = 0; i < 200; i++) {
        step(r, "code", m -> m.equals("a") ? 0.9 : 0.6);
      }
      assertThat(route(r, "code")[1]).isEqualTo("a");
      for (int i = 0; i < 15; i++) {
        step(r, "code", m -> m.equals("a") ? 0 : 0.6); // a fails from now on
      }
    }
    assertThat(route(discounted, "code")[1]).isEqualTo("b");
    assertThat(route(stationary, "code")[1]).isEqualTo("a");
  }

  @Test
  void forgetting_touchesOnlyTheChosenArm_unlessEveryArmForgets() {
    BanditRouter chosen = router(new BanditSettings(Exploration.UCB, 1, 0.1, 0, 0, 1, 0, 0.9, false, true));
    BanditRouter all = router(new BanditSettings(Exploration.UCB, 1, 0.1, 0, 0, 1, 0, 0.9, true, true));
    for (BanditRouter r : List.of(chosen, all)) {
      for (int i = 0; i < 40; i++) {
        step(r, "code", m -> m.equals("a") ? 0.9 : 0.5);
      }
    }
    // b was tried early (optimistic start), then a had every request: with chosen-only forgetting
    // b keeps what it learned, with D-LinUCB's it drifts back towards the optimistic start
    double bChosen = chosen.explain().path("reward_by_task").path("code").path("b").asDouble();
    double bAll = all.explain().path("reward_by_task").path("code").path("b").asDouble();
    assertThat(bChosen).isLessThan(0.7);
    assertThat(bAll).isGreaterThan(bChosen);
    assertThat(all.explain().path("models").path("b").path("observations").asDouble())
        .isLessThan(chosen.explain().path("models").path("b").path("observations").asDouble());
  }

  @Test
  void thompson_isSeededAndExploresInProportionToUncertainty() {
    BanditSettings s = new BanditSettings(Exploration.THOMPSON, 1, 0, 0.5, 0, 1, 0, 1, false, false);
    BanditRouter one = router(s);
    BanditRouter two = router(s);
    int bCount = 0;
    for (int i = 0; i < 200; i++) {
      String m1 = step(one, "code", m -> m.equals("a") ? 0.6 : 0.5);
      String m2 = step(two, "code", m -> m.equals("a") ? 0.6 : 0.5);
      assertThat(m1).isEqualTo(m2);
      bCount += m1.equals("b") ? 1 : 0;
    }
    assertThat(bCount).isBetween(5, 150);
    BanditSettings sure = new BanditSettings(Exploration.THOMPSON, 1, 0, 1e-9, 0, 1, 0, 1, false, false);
    BanditRouter greedy = router(sure);
    step(greedy, "code", m -> 0.5);
    Set<String> chosen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      chosen.add(step(greedy, "code", m -> 0.5));
    }
    assertThat(chosen).hasSize(1); // with no noise the sample is the mean: no exploration
  }

  @Test
  void epsilonGreedy_triesEachModelFirst_thenExploresAtEpsilon_decaying() {
    BanditSettings never = new BanditSettings(Exploration.EPSILON_GREEDY, 1, 0, 0, 0, 1, 0, 1, false, false);
    BanditRouter r = router(never);
    assertThat(step(r, "code", m -> m.equals("a") ? 0.2 : 0.9)).isEqualTo("a");
    assertThat(step(r, "code", m -> m.equals("a") ? 0.2 : 0.9)).isEqualTo("b"); // untried first
    for (int i = 0; i < 10; i++) {
      assertThat(step(r, "code", m -> m.equals("a") ? 0.2 : 0.9)).isEqualTo("b");
    }
    BanditSettings always = new BanditSettings(Exploration.EPSILON_GREEDY, 1, 0, 0, 1, 1, 1, 1, false, false);
    BanditRouter random = router(always);
    int a = 0;
    for (int i = 0; i < 200; i++) {
      a += step(random, "code", m -> m.equals("a") ? 0.2 : 0.9).equals("a") ? 1 : 0;
    }
    assertThat(a).isBetween(70, 130);
    // ε₀ = 1, decay 0.5 per update: after the two tries ε = 0.25, the trace says so
    BanditSettings decaying = new BanditSettings(Exploration.EPSILON_GREEDY, 1, 0, 0, 1, 0.5, 0, 1, false, false);
    BanditRouter d = router(decaying);
    step(d, "code", m -> 0.5);
    step(d, "code", m -> 0.5);
    assertThat(d.route(new dev.signalbox.core.request.RouteRequest("x", dev.signalbox.core.request.Operation.CHAT, "auto",
        List.of(), -1, false, java.util.Map.of()), dev.signalbox.learn.online.OnlineFixtures.signals("code")).trace().reason())
        .contains("ε=0.25");
  }

  @Test
  void onboarding_addsAFreshArm_andLeavesTheOthersUntouched_retiringDropsOne() {
    BanditRouter r = router(ucb(0.1, 1));
    for (int i = 0; i < 10; i++) {
      step(r, "code", m -> 0.7);
    }
    JsonNode before = r.explain().path("models");
    r.onboard("c");
    JsonNode after = r.explain().path("models");
    assertThat(r.models()).containsExactly("a", "b", "c");
    assertThat(after.path("a")).isEqualTo(before.path("a"));
    assertThat(after.path("b")).isEqualTo(before.path("b"));
    assertThat(after.path("c").path("observations").asDouble()).isZero();
    r.retire("a");
    assertThat(r.models()).containsExactly("b", "c");
    assertThat(r.explain().path("models").path("b")).isEqualTo(before.path("b"));
  }

  @Test
  void optimisticOnboarding_startsANewModelAtTheBestEstimates() {
    BanditRouter r = new BanditRouter(setup("linucb", 0), optimisticUcb(0.1, 1), AB);
    for (int i = 0; i < 50; i++) {
      step(r, "code", m -> m.equals("a") ? 0.8 : 0.3);
    }
    r.onboard("c");
    assertThat(route(r, "code")[1]).isEqualTo("c"); // a's estimate as its prior, and a wider bound than a's
  }

  @Test
  void outcomes_mergeUntilComplete_andCountOnce() {
    BanditRouter r = router(ucb(0.1, 1));
    String[] d = route(r, "code");
    assertThat(r.learn(d[0], Outcome.measured(0.001, 120, 10, 20, null))).isEqualTo(LearningRouter.Learned.WAITING);
    assertThat(r.learn(d[0], Outcome.feedback(0.9))).isEqualTo(LearningRouter.Learned.APPLIED);
    assertThat(r.learn(d[0], Outcome.feedback(0.9))).isEqualTo(LearningRouter.Learned.UNKNOWN);
    assertThat(r.learn("never-routed", Outcome.feedback(0.9))).isEqualTo(LearningRouter.Learned.UNKNOWN);
    String[] failed = route(r, "code");
    assertThat(r.learn(failed[0], Outcome.measured(Double.NaN, 10, -1, -1, "HTTP 500")))
        .isEqualTo(LearningRouter.Learned.APPLIED); // a failure needs no score
    assertThat(r.explain().path("updates").asLong()).isEqualTo(2);
  }

  @Test
  void snapshot_restoresTheSameDecisions_andRejectsAnotherPolicy() {
    BanditRouter r = router(ucb(0.1, 1));
    for (int i = 0; i < 30; i++) {
      step(r, "code", m -> m.equals("b") ? 1 : 0.1);
    }
    JsonNode snapshot = r.snapshot();
    BanditRouter fresh = router(ucb(0.1, 1));
    fresh.restore(snapshot);
    assertThat(fresh.explain()).isEqualTo(r.explain());
    assertThat(route(fresh, "code")[1]).isEqualTo("b");
    BanditRouter other = new BanditRouter(setup("thompson", 0), BanditSettings.greenServ(Exploration.THOMPSON), AB);
    assertThatThrownBy(() -> other.restore(snapshot)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policy 'linucb'");
  }
}
