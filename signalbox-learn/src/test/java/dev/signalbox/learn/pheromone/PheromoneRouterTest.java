package dev.signalbox.learn.pheromone;

import static dev.signalbox.learn.online.OnlineFixtures.route;
import static dev.signalbox.learn.online.OnlineFixtures.setup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.routing.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pheromone rules (evaporation, gated deposit, penalty, clamps, specialists) on hand-checkable cases. */
class PheromoneRouterTest {
  static final List<String> AB = List.of("a", "b");

  /** α 1, β 0 (no cost heuristic), ρ 0.1, Q 1, gate 0.5, τ in [0.01, 5], always sampling. */
  static PheromoneSettings settings(double penalty) {
    return new PheromoneSettings(1, 0, 1, 0.1, 1, 0.5, penalty, 0.01, 5, 1);
  }

  static PheromoneRouter router(double penalty) {
    return new PheromoneRouter(setup("pheromone", 0), settings(penalty), AB);
  }

  static double tau(PheromoneRouter r, String task, String model) {
    return r.explain().path("pheromone").path(task).path(model).asDouble();
  }

  /** Routes a "code" request and learns {@code quality} for whichever model was drawn; returns it. */
  static String learn(PheromoneRouter r, String task, double quality) {
    String[] d = route(r, task);
    r.learn(d[0], Outcome.judged(quality, 0));
    return d[1];
  }

  @Test
  void anAcceptedAnswer_evaporatesTheIntentThenDeposits() {
    PheromoneRouter r = router(0);
    String m = learn(r, "code", 0.8); // reward 0.8 at λ = 0
    String other = m.equals("a") ? "b" : "a";
    // τ₀ = 5: 5·0.9 = 4.5 for both, + Q·r = 0.8 on the chosen one (5.3, clamped to τ_max 5)
    assertThat(tau(r, "code", m)).isCloseTo(5, within(1e-9));
    assertThat(tau(r, "code", other)).isCloseTo(4.5, within(1e-9));
    learn(r, "code", 0.0); // below the gate: evaporation only
    assertThat(tau(r, "code", m) + tau(r, "code", other)).isCloseTo(0.9 * 9.5, within(1e-3));
  }

  @Test
  void theGate_keepsPoorAnswersFromDepositing_andThePenaltyTakesAShare() {
    PheromoneRouter plain = router(0);
    String m = learn(plain, "code", 0.4);
    assertThat(tau(plain, "code", m)).isCloseTo(4.5, within(1e-9)); // 0.4 < gate: no deposit
    PheromoneRouter penalised = router(0.2);
    String p = learn(penalised, "code", 0.4);
    String other = p.equals("a") ? "b" : "a";
    assertThat(tau(penalised, "code", p)).isCloseTo(4.5 * 0.8, within(1e-3));
    assertThat(tau(penalised, "code", other)).isCloseTo(4.5, within(1e-3));
  }

  @Test
  void aConstantReward_reachesTheFixedPoint_QrOverRho() {
    PheromoneRouter r = new PheromoneRouter(setup("pheromone", 0), new PheromoneSettings(1, 0, 1, 0.1, 1, 0.2, 0, 0.01, 5, 1),
        List.of("only"));
    for (int i = 0; i < 300; i++) {
      learn(r, "code", 0.3);
    }
    // τ = 0.9·τ + 0.3 → τ* = 0.3 / 0.1 = 3
    assertThat(tau(r, "code", "only")).isCloseTo(3, within(1e-3));
  }

  @Test
  void theClamps_keepEveryModelPossible() {
    PheromoneRouter r = router(0);
    for (int i = 0; i < 200; i++) {
      learn(r, "code", 0);
    }
    assertThat(tau(r, "code", "a")).isCloseTo(0.01, within(1e-9));
    assertThat(tau(r, "code", "b")).isCloseTo(0.01, within(1e-9));
  }

  @Test
  void specialists_areIsolated_andTheMatrixRowsAreProbabilities() {
    PheromoneRouter r = router(0.5);
    for (int i = 0; i < 100; i++) {
      String[] d = route(r, "math");
      r.learn(d[0], Outcome.judged(d[1].equals("b") ? 1 : 0, 0));
    }
    assertThat(tau(r, "code", "a")).isEqualTo(5);
    assertThat(tau(r, "code", "b")).isEqualTo(5);
    Map<String, Map<String, Double>> matrix = r.matrix();
    assertThat(matrix.get("code")).containsEntry("a", 0.5).containsEntry("b", 0.5);
    assertThat(matrix.get("math").get("b")).isGreaterThan(0.9);
    for (Map<String, Double> row : matrix.values()) {
      assertThat(row.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(0.002));
    }
    int b = 0;
    for (int i = 0; i < 100; i++) {
      b += route(r, "math")[1].equals("b") ? 1 : 0;
    }
    assertThat(b).isGreaterThan(85);
  }

  @Test
  void theCostHeuristic_favoursTheCheaperModelWhenPheromoneIsEqual() {
    PheromoneRouter r = new PheromoneRouter(setup("pheromone", 0), new PheromoneSettings(1, 1, 1, 0.1, 1, 0.5, 0, 0.01, 5, 1),
        AB);
    for (int i = 0; i < 40; i++) {
      String[] d = route(r, "code");
      r.learn(d[0], Outcome.judged(0, d[1].equals("a") ? 0 : 3)); // b costs 3 cost scales; nobody deposits
    }
    // η_a = 1/(1 + 0) = 1, η_b = 1/(1 + 3) = 0.25, τ equal: P(a) = 1/1.25 = 0.8
    assertThat(r.matrix().get("code").get("a")).isCloseTo(0.8, within(0.001));
  }

  @Test
  void onboarding_startsANewModelAtTheCeiling_andSnapshotsRoundTrip() {
    PheromoneRouter r = router(0);
    for (int i = 0; i < 50; i++) {
      learn(r, "code", 0);
    }
    r.onboard("c");
    assertThat(tau(r, "code", "c")).isEqualTo(5);
    JsonNode snapshot = r.snapshot();
    PheromoneRouter restored = new PheromoneRouter(setup("pheromone", 0), settings(0), List.of("a", "b", "c"));
    restored.restore(snapshot);
    assertThat(restored.explain()).isEqualTo(r.explain());
  }
}
