package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;

/**
 * A token count within inclusive bounds: {@code prompt_tokens} or {@code output_tokens} (the
 * caller's max tokens). An output limit the caller did not give (-1) fails any {@code min} bound
 * and passes a {@code max} bound.
 *
 * @param measure which count
 * @param min the lowest count that matches ({@link Integer#MIN_VALUE}: no bound)
 * @param max the highest count that matches ({@link Integer#MAX_VALUE}: no bound)
 */
record TokenRange(Measure measure, int min, int max) implements Condition {
  static final int NO_MIN = Integer.MIN_VALUE;
  static final int NO_MAX = Integer.MAX_VALUE;

  /** The token count a range reads. */
  enum Measure {
    PROMPT_TOKENS("prompt_tokens"),
    OUTPUT_TOKENS("output_tokens");

    private final String key;

    Measure(String key) {
      this.key = key;
    }

    String key() {
      return key;
    }

    int of(Signals s) {
      return this == PROMPT_TOKENS ? s.promptTokens() : s.maxOutputTokens();
    }
  }

  @Override
  public boolean test(Signals signals) {
    int value = measure.of(signals);
    return value >= min && value <= max;
  }

  @Override
  public String describe() {
    if (min == NO_MIN) {
      return measure.key() + " <= " + max;
    }
    if (max == NO_MAX) {
      return measure.key() + " >= " + min;
    }
    return measure.key() + " in [" + min + ", " + max + "]";
  }

  @Override
  public String explain(Signals signals) {
    int value = measure.of(signals);
    if (min == NO_MIN) {
      return measure.key() + " " + value + " <= " + max;
    }
    if (max == NO_MAX) {
      return measure.key() + " " + value + " >= " + min;
    }
    return measure.key() + " " + value + " in [" + min + ", " + max + "]";
  }
}
