package dev.signalbox.core.feedback;

import dev.signalbox.core.routing.Outcome;

/**
 * How a measured outcome becomes a learner's signal about the model its route chose: the routed
 * model failed when the request failed or another model (a fallback) had to answer; a client that
 * went away (499) tells nothing about the model.
 */
public final class MeasuredFeedback {
  private MeasuredFeedback() {}

  /** The signal for the route that chose {@code routedModel}; null when the outcome tells nothing. */
  public static Outcome of(String routedModel, RequestOutcome o) {
    if (o.status() == 499) {
      return null;
    }
    String failure = o.error();
    if (failure == null && o.status() >= 400) {
      failure = "HTTP " + o.status();
    }
    if (failure == null && o.servedModel() != null && !o.servedModel().equals(routedModel)) {
      failure = "fallback " + o.servedModel() + " answered";
    }
    return Outcome.measured(o.costUsd(), o.latencyMs(), o.promptTokens(), o.completionTokens(), failure);
  }
}
