package dev.signalbox.core.routing;

import java.util.Objects;

/**
 * A routing decision: the model chosen and why.
 *
 * @param model the model that will answer
 * @param trace the policy, the alternatives it weighed and the reason for its choice
 */
public record Decision(String model, Trace trace) {
  public Decision {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(trace, "trace");
  }
}
