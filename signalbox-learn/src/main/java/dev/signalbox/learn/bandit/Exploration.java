package dev.signalbox.learn.bandit;

/**
 * How a bandit trades exploring against exploiting; its settings live in {@link BanditSettings}.
 * GreenServ's three (arXiv 2601.17551, {@code src/bandit/}).
 */
public enum Exploration {
  /** LinUCB (Li et al., WWW 2010): the largest {@code θᵀx + α·√(xᵀA⁻¹x)}. */
  UCB("linucb"),
  /** Linear Thompson sampling (Agrawal &amp; Goyal, ICML 2013): the largest {@code θ̃ᵀx}, θ̃ ~ N(θ, σ²A⁻¹). */
  THOMPSON("thompson"),
  /** ε-greedy over the ridge estimates: untried models first, then a random model with probability ε. */
  EPSILON_GREEDY("epsilon-greedy");

  private final String policy;

  Exploration(String policy) {
    this.policy = policy;
  }

  /** The policy's name in configuration. */
  public String policy() {
    return policy;
  }
}
