package dev.signalbox.core.signal;

import dev.signalbox.core.request.RouteRequest;

/**
 * Computes one named signal of a request, which {@link SignalExtractor} adds to {@link
 * Signals#named()} and decision traces show. Found with {@link java.util.ServiceLoader} (list the
 * class in {@code META-INF/services/dev.signalbox.core.signal.SignalProvider}); a rule reads it
 * through a condition of its own ({@code dev.signalbox.core.routing.rules.ConditionProvider}), so
 * a new signal is these two classes and no edit elsewhere.
 */
public interface SignalProvider {

  /** The signal's name, e.g. {@code question}; not one of the built-ins' ({@code task}, {@code prompt_tokens}...). */
  String name();

  /**
   * The signal's value for a request, given the built-in signals; null when it has none. Runs on
   * the request path, on an event loop: fast, no I/O, thread-safe. A value is a string, a number or
   * a boolean, so that traces show it as it is.
   */
  Object extract(RouteRequest request, Signals signals);
}
