package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;

/** The inner condition does not hold: {@code not: CONDITION}. */
record Not(Condition inner) implements Condition {

  @Override
  public boolean test(Signals signals) {
    return !inner.test(signals);
  }

  @Override
  public String describe() {
    return "not (" + inner.describe() + ")";
  }
}
