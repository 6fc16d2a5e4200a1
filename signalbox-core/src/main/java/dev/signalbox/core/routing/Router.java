package dev.signalbox.core.routing;

import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Signals;
import java.util.Optional;

/**
 * A routing policy: chooses which model answers a request. Implementations run on the request
 * path of the gateway, in the evaluator and in the simulator, so they must be thread-safe, fast
 * and free of I/O.
 */
public interface Router {

  /** Chooses a model for the request, explaining the choice in the decision's trace. */
  Decision route(RouteRequest request, Signals signals);

  /**
   * The embedder whose vector this policy reads from {@link Signals#embedding()}, or empty when it
   * needs none. Callers compute the embedding before {@link #route} (the gateway off the event loop,
   * under a time limit); a policy given signals without it must still decide (its fallback).
   */
  default Optional<Embedder> embedder() {
    return Optional.empty();
  }
}
