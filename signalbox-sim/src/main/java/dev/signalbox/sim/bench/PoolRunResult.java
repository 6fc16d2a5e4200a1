package dev.signalbox.sim.bench;

/**
 * What one strategy achieved at one offered load. Times are of the requests after the warm-up;
 * a request refused or never answered counts as infinitely late.
 *
 * @param ratePerSecond the offered load
 * @param servedPerSecond the requests that arrived while measuring, per second: the offered load
 *     for independent requests; for sessions, less when a slow pool delays their next turns
 * @param p50TtftMs median time to first token
 * @param p90TtftMs 90th percentile, the one the SLO bounds
 * @param p99TtftMs 99th percentile
 * @param hitRate share of prompt tokens served from the replicas' prefix caches
 * @param imbalance requests on the busiest replica over the mean
 * @param measured requests measured
 * @param complete false when the run was cut short because its p90 had already broken the SLO
 *     (its percentiles then cover the requests answered by then)
 */
public record PoolRunResult(
    double ratePerSecond,
    double servedPerSecond,
    double p50TtftMs,
    double p90TtftMs,
    double p99TtftMs,
    double hitRate,
    double imbalance,
    int measured,
    boolean complete) {

  /** Whether p90 TTFT is within the SLO. */
  public boolean meets(double sloMs) {
    return complete && p90TtftMs <= sloMs;
  }
}
