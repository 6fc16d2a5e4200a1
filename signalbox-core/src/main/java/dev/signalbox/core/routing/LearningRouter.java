package dev.signalbox.core.routing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A routing policy that learns from the outcomes of its own decisions (bandits, pheromones). The
 * gateway, the online evaluator and tests feed it the same way: {@link #route} a request, then
 * {@link #learn} what became of it under the request's id, in one or several parts.
 *
 * <p>Learning must not slow routing down: implementations apply updates off the caller's thread
 * or in a few microseconds, and {@link #route} never waits for an update.
 */
public interface LearningRouter extends Router {

  /** What {@link #learn} did with an outcome. */
  enum Learned {
    /** The outcome is complete and was applied (or queued to be applied in order). */
    APPLIED,
    /** Kept with the decision until the rest arrives (a quality score, or the request's end). */
    WAITING,
    /** No decision of this router is waiting under that id: unknown, forgotten, or already applied. */
    UNKNOWN
  }

  /**
   * Takes (part of) the outcome of the decision made for request {@code requestId}. Parts merge
   * ({@link Outcome#merge}); the decision is learned once, when the merged outcome is {@link
   * Outcome#complete() complete}, and forgotten then, so a repeat is {@link Learned#UNKNOWN}.
   */
  Learned learn(String requestId, Outcome outcome);

  /** Makes a model a choice from now on, with no learned state yet (onboarding). */
  void onboard(String model);

  /** Stops choosing a model and drops its learned state. */
  void retire(String model);

  /** The models it currently chooses among. */
  java.util.List<String> models();

  /** Applies every update queued so far before returning (before a snapshot, at shutdown, in tests). */
  default void flush() {}

  /** The learned state as JSON, to persist and restore; self-describing (format, models, settings). */
  JsonNode snapshot();

  /**
   * Replaces the learned state with a snapshot. Models of the snapshot that the router does not
   * choose among are dropped and its own models missing from the snapshot start fresh.
   *
   * @throws IllegalArgumentException when the snapshot is of another kind or shape
   */
  void restore(JsonNode snapshot);

  /** What it has learned, readable: per model and context its estimates, for an admin view. */
  JsonNode explain();

  /** Stops any background work after applying what is queued. */
  default void close() {
    flush();
  }
}
