package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;

/**
 * A test over a request's signals, the {@code when} of a rule. Built once from configuration by
 * {@link Conditions#parse}; {@link #test} runs on the request path, so it is fast, allocation-light
 * and thread-safe.
 */
public interface Condition {

  /** Whether the signals satisfy this condition. */
  boolean test(Signals signals);

  /** What the condition asks, e.g. {@code task in [code, math]}. */
  String describe();

  /**
   * What made the condition true for these signals, e.g. {@code keyword 'debug'} or {@code
   * prompt_tokens 31000 >= 24000}. Only meaningful when {@link #test} is true; it may allocate.
   */
  default String explain(Signals signals) {
    return describe();
  }
}
