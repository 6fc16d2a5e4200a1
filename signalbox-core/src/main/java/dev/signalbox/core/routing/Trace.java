package dev.signalbox.core.routing;

import java.util.List;

/**
 * Why a policy chose what it chose.
 *
 * @param policy the policy's name, e.g. {@code rules}
 * @param reason one sentence a person can read, e.g. {@code rule 'code' matched (task=code)}
 * @param alternatives what was weighed: each candidate with its score and a note, best first
 */
public record Trace(String policy, String reason, List<Alternative> alternatives) {

  public Trace {
    alternatives = List.copyOf(alternatives);
  }

  /** This trace with a note put before its reason, e.g. why a signal was missing. */
  public Trace withNote(String note) {
    return new Trace(policy, note + "; " + reason, alternatives);
  }

  /**
   * One option the policy weighed.
   *
   * @param name what was weighed: a rule, a model or a plan
   * @param model the model this option leads to
   * @param score the policy's score for it (priority, predicted quality, reward; higher is better)
   * @param note why it won or lost, e.g. {@code matched} or {@code prompt exceeds context window}
   */
  public record Alternative(String name, String model, double score, String note) {}
}
