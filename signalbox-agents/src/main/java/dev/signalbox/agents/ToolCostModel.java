package dev.signalbox.agents;

/**
 * Folds a tool's costs and health into one edge weight, {@code w = base + κ·(1 − health)} with
 * {@code base = perMs·latency + perDollar·price + perRisk·risk}, and {@code w = +∞} for a tool
 * that is down (health 0). After the Self-Healing Router (N. Bholani, "Graph-Based Self-Healing
 * Tool Routing for Cost-Efficient LLM Agents", arXiv 2603.01548); the formula is one reasonable
 * choice, the paper only says that weights encode latency, price and risk.
 *
 * @param perMs weight of one millisecond of latency
 * @param perDollar weight of one US dollar
 * @param perRisk weight of a certain failure (risk 1)
 * @param kappa the health penalty: a tool at health {@code h > 0} weighs {@code κ·(1 − h)} more
 */
public record ToolCostModel(double perMs, double perDollar, double perRisk, double kappa) {
  /** One per second of latency, one per tenth of a cent, five for a certain failure, κ = 10. */
  public static final ToolCostModel DEFAULT = new ToolCostModel(0.001, 1000, 5, 10);

  public ToolCostModel {
    for (double c : new double[] {perMs, perDollar, perRisk, kappa}) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("cost coefficients must be finite and non-negative: " + c);
      }
    }
  }

  /** The weight of calling {@code tool} while it is fully healthy. */
  public double base(Tool tool) {
    return perMs * tool.latencyMs() + perDollar * tool.price() + perRisk * tool.risk();
  }

  /** The weight of an edge with base cost {@code base} into a tool with {@code health} in [0, 1]. */
  public double weight(double base, double health) {
    return health <= 0 ? Double.POSITIVE_INFINITY : base + kappa * (1 - Math.min(1, health));
  }
}
