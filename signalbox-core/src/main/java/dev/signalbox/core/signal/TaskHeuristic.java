package dev.signalbox.core.signal;

/** Guesses the task of a prompt from cheap lexical cues. (Placeholder: always general.) */
public final class TaskHeuristic {
  private TaskHeuristic() {}

  /** A task label with a confidence in [0, 1]. */
  public record Guess(String task, double confidence) {}

  public static Guess classify(String text) {
    return new Guess("general", 0.0);
  }
}
