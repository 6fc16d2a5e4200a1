package dev.signalbox.eval.online;

import dev.signalbox.learn.online.Reward;
import java.util.List;
import java.util.Map;

/**
 * What an online replay measured: per scenario (the stationary stream, then each drift) and policy,
 * the cumulative regret against the per-prompt best reward, mean reward, quality and cost, as means
 * and standard deviations over seeds, the mean regret curve, and after a drift how fast traffic moved.
 *
 * @param protocol how the data was used, in words
 * @param models the pool
 * @param reward the reward of every policy (and of regret)
 * @param streamSize requests per seed
 * @param warmSize warm-up rows
 * @param seeds stream orders
 * @param bestFixed the best single model over the stream in hindsight
 * @param scenarios stationary first
 * @param explanations per learner, what it learned on the stationary stream's first seed (the pheromone matrix)
 */
public record OnlineResult(String protocol, List<String> models, Reward reward, int streamSize, int warmSize, int seeds,
    String bestFixed, List<Scenario> scenarios, Map<String, Map<String, Map<String, Double>>> explanations) {

  /** A mean and a standard deviation over seeds. */
  public record Stats(double mean, double sd) {
    static Stats of(double[] values) {
      double mean = 0;
      for (double v : values) {
        mean += v;
      }
      mean /= values.length;
      double var = 0;
      for (double v : values) {
        var += (v - mean) * (v - mean);
      }
      return new Stats(mean, values.length > 1 ? Math.sqrt(var / (values.length - 1)) : 0);
    }
  }

  /**
   * One policy on one scenario.
   *
   * @param regret final cumulative regret
   * @param reward mean reward per request
   * @param quality mean quality per request
   * @param cost mean cost per request, USD
   * @param curve mean cumulative regret after each request
   * @param movedOff per model made worse, requests to move 80% of its traffic off
   * @param movedTo per task with a new best model, requests until it gets most of the task
   */
  public record PolicyRun(String name, Stats regret, Stats reward, Stats quality, Stats cost, double[] curve,
      List<Adaptation.Move> movedOff, List<Adaptation.Move> movedTo) {}

  /**
   * The stream with or without a drift.
   *
   * @param name {@code stationary} or the drift spec
   * @param drift the changes (null when stationary)
   * @param start the first request the drift affects (0 when stationary)
   */
  public record Scenario(String name, DriftSpec drift, int start, List<PolicyRun> policies) {}

  /** The stationary scenario. */
  public Scenario stationary() {
    return scenarios.get(0);
  }
}
