package dev.signalbox.core.routing.rules;

import java.util.Objects;

/**
 * One decision rule: when {@code when} holds, send the request to {@code model}.
 *
 * @param name shown in traces, unique within its route
 * @param priority higher rules are tried first; equal priorities keep their configuration order
 * @param when the condition over the request's signals
 * @param model the model that answers when the rule wins
 */
public record Rule(String name, int priority, Condition when, String model) {
  public Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(model, "model");
  }
}
