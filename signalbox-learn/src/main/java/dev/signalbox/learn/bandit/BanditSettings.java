package dev.signalbox.learn.bandit;

/**
 * A bandit's own settings. The defaults of {@link #greenServ} are GreenServ's experiments'
 * ({@code experiments/config}); {@code discount} and {@code optimistic} are
 * Signalbox's additions for drift.
 *
 * @param exploration the rule
 * @param regularization the ridge {@code reg} of every arm (Thompson: σ²/prior variance)
 * @param alpha LinUCB's width multiplier
 * @param sigma Thompson's noise scale
 * @param epsilon ε-greedy's starting ε
 * @param epsilonDecay ε's factor per update
 * @param epsilonMin ε's floor
 * @param discount γ: the share of its past an arm keeps at each update (1: remember everything)
 * @param forgetAll whether every arm forgets at every update (D-LinUCB) rather than the chosen one at its own
 * @param optimistic whether a model without data starts optimistic, so that each is tried early: at the best
 *     possible reward, or when onboarded, at the best estimates of the others (else at 0, as GreenServ)
 */
public record BanditSettings(Exploration exploration, double regularization, double alpha, double sigma,
    double epsilon, double epsilonDecay, double epsilonMin, double discount, boolean forgetAll, boolean optimistic) {

  public BanditSettings {
    if (!(regularization > 0)) {
      throw new IllegalArgumentException("regularization must be positive");
    }
    if (!(discount > 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in (0, 1]");
    }
  }

  /** GreenServ's defaults for a rule: LinUCB α 0.1, reg 0.05; Thompson σ 0.25, prior variance 2; linear ε-greedy ridge 0.25, ε 1 × 0.985ⁿ. */
  public static BanditSettings greenServ(Exploration e) {
    switch (e) {
      case UCB:
        return new BanditSettings(e, 0.05, 0.1, 0, 0, 1, 0, 1, false, false);
      case THOMPSON:
        return new BanditSettings(e, 0.25 * 0.25 / 2.0, 0, 0.25, 0, 1, 0, 1, false, false);
      default:
        return new BanditSettings(e, 0.25, 0, 0, 1.0, 0.985, 0.01, 1, false, false);
    }
  }
  /**
   * The defaults of a route: Signalbox's configurations as {@code eval --online} measures them
   * (docs/BENCHMARKS.md): ridge 1, LinUCB α 0.1, Thompson σ 0.1, ε-greedy a constant ε 0.05, each
   * arm keeping 0.99 of its past per update and starting optimistic.
   */
  public static BanditSettings signalbox(Exploration e) {
    switch (e) {
      case UCB:
        return new BanditSettings(e, 1, 0.1, 0, 0, 1, 0, 0.99, false, true);
      case THOMPSON:
        return new BanditSettings(e, 1, 0, 0.1, 0, 1, 0, 0.99, false, true);
      default:
        return new BanditSettings(e, 1, 0, 0, 0.05, 1, 0.05, 0.99, false, true);
    }
  }

}
