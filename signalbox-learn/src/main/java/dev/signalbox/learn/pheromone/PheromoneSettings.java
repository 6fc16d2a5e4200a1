package dev.signalbox.learn.pheromone;

/**
 * The pheromone router's settings, in Ant System / MAX–MIN Ant System terms (Dorigo et al. 1996;
 * Stützle &amp; Hoos 2000) as AMRO-S uses them (arXiv 2603.12933; reconstructed rules in
 * algorithms.md §2).
 *
 * @param alpha the weight of pheromone in the choice, τ^α
 * @param beta the weight of the cost heuristic, η^β with η = 1/(ε + ĉ/costScale)
 * @param costEpsilon ε of the heuristic (larger: cost matters less)
 * @param evaporation ρ, the share of pheromone that evaporates per outcome of the intent
 * @param deposit Q, pheromone laid per unit of reward on an accepted answer
 * @param qualityGate the quality an answer needs to lay pheromone
 * @param penalty the share of its model's pheromone an answer below the gate removes (0: none, as
 *     AMRO-S; a failing model then loses traffic only as fast as the others gain pheromone)
 * @param tauMin MMAS floor, so no model is ever ruled out
 * @param tauMax MMAS ceiling and the starting value
 * @param exploration the share of decisions drawn from the choice distribution; the rest take its mode
 */
public record PheromoneSettings(double alpha, double beta, double costEpsilon, double evaporation, double deposit,
    double qualityGate, double penalty, double tauMin, double tauMax, double exploration) {

  public PheromoneSettings {
    if (!(evaporation > 0 && evaporation < 1)) {
      throw new IllegalArgumentException("evaporation must be in (0, 1)");
    }
    if (!(penalty >= 0 && penalty < 1)) {
      throw new IllegalArgumentException("penalty must be in [0, 1)");
    }
    if (!(tauMin > 0 && tauMax > tauMin)) {
      throw new IllegalArgumentException("need 0 < tau_min < tau_max");
    }
    if (!(exploration >= 0 && exploration <= 1)) {
      throw new IllegalArgumentException("exploration must be in [0, 1]");
    }
  }

  /**
   * The defaults of a route: α 2, β 1 with ε 0.3, ρ 0.02 per outcome, Q 0.1, gate 0.5, penalty
   * 0.02, τ in [0.01, 5], sampling always. Against the classic α 1, ε 1, Q 1 (AMRO-S), τ stays below
   * its ceiling, so better answers keep more pheromone, and the heuristic weighs a model 30 times
   * cheaper than the dearest 3 times more (3.0 against 0.77), not 2 times (0.97 against 0.5): equal
   * models 30× apart in price no longer split traffic evenly, and cold regret on the RouterBench
   * subset drops from 253 to 224 (docs/BENCHMARKS.md).
   */
  public static PheromoneSettings defaults() {
    return new PheromoneSettings(2, 1, 0.3, 0.02, 0.1, 0.5, 0.02, 0.01, 5, 1);
  }
}
