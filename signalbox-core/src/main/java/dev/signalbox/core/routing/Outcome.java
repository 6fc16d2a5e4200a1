package dev.signalbox.core.routing;

/**
 * What became of one routed request, as far as it is known: the answer's quality (from a judge,
 * a user or a dataset), and what the gateway measured (cost, latency, tokens, an error). The
 * gateway learns the two halves at different times and a learner merges them ({@link #merge}); an
 * unknown number is {@code NaN} (tokens: -1).
 *
 * @param quality the answer's score in [0, 1], or NaN until someone judges it
 * @param costUsd what the call cost, or NaN
 * @param latencyMs time to the full answer, or NaN
 * @param promptTokens prompt tokens, or -1
 * @param completionTokens completion tokens, or -1
 * @param error why the chosen model gave no answer, or null when it answered
 * @param finished whether the measured half is in (the request is over)
 */
public record Outcome(double quality, double costUsd, double latencyMs, long promptTokens, long completionTokens,
    String error, boolean finished) {

  public Outcome {
    if (!Double.isNaN(quality) && (quality < 0 || quality > 1)) {
      throw new IllegalArgumentException("quality must be in [0, 1], got " + quality);
    }
  }

  /** A complete outcome as a dataset records it: the score and the cost of the call. */
  public static Outcome judged(double quality, double costUsd) {
    return new Outcome(quality, costUsd, Double.NaN, -1, -1, null, true);
  }

  /** What the gateway measured when a request finished; {@code error} null when it was answered. */
  public static Outcome measured(double costUsd, double latencyMs, long promptTokens, long completionTokens,
      String error) {
    return new Outcome(Double.NaN, costUsd, latencyMs, promptTokens, completionTokens, error, true);
  }

  /** A quality score alone, as {@code POST /v1/feedback} brings it. */
  public static Outcome feedback(double quality) {
    return new Outcome(quality, Double.NaN, Double.NaN, -1, -1, null, false);
  }

  public boolean failed() {
    return error != null;
  }

  public boolean hasQuality() {
    return !Double.isNaN(quality);
  }

  /**
   * Whether a learner can use it now: a failure (quality 0), or a judged answer whose request has
   * finished.
   */
  public boolean complete() {
    return failed() || (hasQuality() && finished);
  }

  /** The quality a learner credits: 0 for a failure, else the score. */
  public double creditedQuality() {
    return failed() ? 0 : quality;
  }

  /** This outcome with the known parts of {@code other} filled in (other's values win). */
  public Outcome merge(Outcome other) {
    return new Outcome(
        other.hasQuality() ? other.quality : quality,
        Double.isNaN(other.costUsd) ? costUsd : other.costUsd,
        Double.isNaN(other.latencyMs) ? latencyMs : other.latencyMs,
        other.promptTokens >= 0 ? other.promptTokens : promptTokens,
        other.completionTokens >= 0 ? other.completionTokens : completionTokens,
        other.error != null ? other.error : error,
        finished || other.finished);
  }
}
