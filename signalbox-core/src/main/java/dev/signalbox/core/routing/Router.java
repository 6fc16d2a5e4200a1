package dev.signalbox.core.routing;

import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.signal.Signals;

/**
 * A routing policy: chooses which model answers a request. Implementations run on the request
 * path of the gateway, in the evaluator and in the simulator, so they must be thread-safe, fast
 * and free of I/O.
 */
public interface Router {

  /** Chooses a model for the request, explaining the choice in the decision's trace. */
  Decision route(RouteRequest request, Signals signals);
}
