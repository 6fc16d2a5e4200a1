package dev.signalbox.core.routing.rules;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;

/**
 * Reads one key of a rule's {@code when} into a {@link Condition}. The built-in keys ({@code
 * prompt_tokens}, {@code keywords}, {@code task}, {@code all}...) are listed in {@link Conditions};
 * others are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.signalbox.core.routing.rules.ConditionProvider}), typically the condition
 * on a signal that a {@code SignalProvider} adds ({@code Signals#named}).
 */
public interface ConditionProvider {

  /** The key under {@code when}, e.g. {@code question}. */
  String key();

  /**
   * The description of the key: a {@link Keys} that declares this one key (its type, default and
   * one line, and its own keys if it takes a mapping), which {@code signalbox config --reference}
   * prints under each rule's {@code when}.
   */
  Keys keys();

  /** Reads the condition from the key's value (not missing); problems name the key. */
  Condition parse(ConfigNode value);
}
