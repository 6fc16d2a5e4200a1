package dev.signalbox.sim;


/**
 * The faults drawn for one request.
 *
 * @param outcome what happens to the request as a whole
 * @param spike whether a latency spike was drawn
 * @param spikeMs the extra delay before the first token (0 without a spike)
 */
record FaultDraw(Outcome outcome, boolean spike, double spikeMs) {

  /** The fate of a request; at most one per request, in this order of precedence. */
  enum Outcome { HANG, RESET, ERROR, CUT, NONE }

  static final FaultDraw NONE = new FaultDraw(Outcome.NONE, false, 0);

  /**
   * Draws a request's faults. Always takes five numbers from {@code random}, whatever the rates,
   * so that the n-th request sees the same draws under any profile.
   */
  static FaultDraw draw(SeededRandom random, ReplicaProfile.Faults faults) {
    double hang = random.nextDouble();
    double reset = random.nextDouble();
    double error = random.nextDouble();
    double cut = random.nextDouble();
    double spike = random.nextDouble();
    Outcome outcome;
    if (hang < faults.hangRate()) {
      outcome = Outcome.HANG;
    } else if (reset < faults.resetRate()) {
      outcome = Outcome.RESET;
    } else if (error < faults.errorRate()) {
      outcome = Outcome.ERROR;
    } else if (cut < faults.cutRate()) {
      outcome = Outcome.CUT;
    } else {
      outcome = Outcome.NONE;
    }
    boolean spiked = spike < faults.spikeRate();
    return new FaultDraw(outcome, spiked, spiked ? faults.spikeMs() : 0);
  }
}
