package dev.signalbox.sim.bench;

/** A seeded generator of requests with a given pattern of prompt sharing. */
public interface Workload {

  /** Its name on the command line and in results. */
  String name();

  /**
   * Requests arriving at {@code ratePerSecond} on average (a Poisson process of requests, or of
   * sessions whose turns follow each other), about {@code count} of them measured after a warm-up.
   * A seed gives the same prompts in the same order at every rate.
   */
  WorkloadTrace generate(double ratePerSecond, int count, long seed);
}
