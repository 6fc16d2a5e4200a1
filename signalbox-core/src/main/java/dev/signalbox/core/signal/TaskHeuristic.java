package dev.signalbox.core.signal;

import java.util.List;

/**
 * Guesses the task of a prompt from cheap lexical cues, in one pass over the text with no I/O and
 * no model: a few microseconds for a 2 KB prompt. Longer prompts are read at their first 6,000 and
 * last 2,000 characters, where instructions are, so the cost has a bound.
 *
 * <p>Each label collects points and the label with the most wins (ties go to the earlier label in
 * {@link #LABELS}); {@code general} starts with {@value #GENERAL_BASELINE} so that a prompt without
 * cues is general. The cues:
 *
 * <ul>
 *   <li><b>Words and phrases</b> of the {@link TaskVocabulary}: e.g. {@code python}, {@code def},
 *       {@code traceback} for code; {@code solve}, {@code integral}, "square root" for math; {@code
 *       prove}, {@code riddle}, "step by step", "which of the following" for reasoning; {@code
 *       poem}, {@code rewrite} for writing; {@code summarize}, "tl;dr", "key points" for
 *       summarization; {@code translate} for translation; {@code extract}, "list all", {@code json}
 *       for extraction; greetings and thanks for general. Each word or phrase counts once, and
 *       double within the first {@value #LEADING_WORDS} words, where the instruction usually is
 *       (greetings excepted: they lead a message whatever it asks).
 *   <li><b>Word pairs</b>: a writing verb ({@code write}, {@code compose}, {@code draft}…) followed
 *       within four words by a literary form ("write a poem") adds to writing, or by a programming
 *       language or code noun ("write a python function") adds to code; {@code translate} near a
 *       language name, or "into French", adds to translation.
 *   <li><b>Code shape</b>: code fences, braces, line-ending semicolons, {@code name(} calls,
 *       operators such as {@code ==} {@code =>} {@code ::}, indented lines, snake_case and
 *       camelCase identifiers.
 *   <li><b>Math shape</b>: numbers joined by operators ({@code 12 + 7}, {@code 2x = 8}), powers
 *       ({@code x^2}), LaTeX commands, and several numbers in a prompt that also has math words, or
 *       "how many" / "how much" with a number (a word problem).
 *   <li><b>Multiple choice</b>: option markers for at least three of A–D ({@code A)}, {@code (B)},
 *       {@code C.}) add to reasoning.
 * </ul>
 *
 * <p>Confidence is the margin between the best and the second-best score, mapped into [0, 1) as
 * {@code margin / (margin + 2)}: 0 for a tie, 0.5 for a margin of two points, 0.75 for six.
 */
public final class TaskHeuristic {
  /** The labels, in tie-break order. */
  public static final List<String> LABELS = List.of(
      "code", "math", "reasoning", "writing", "summarization", "translation", "extraction", "general");

  static final int CODE = 0;
  static final int MATH = 1;
  static final int REASONING = 2;
  static final int WRITING = 3;
  static final int SUMMARIZATION = 4;
  static final int TRANSLATION = 5;
  static final int EXTRACTION = 6;
  static final int GENERAL = 7;
  static final int CLASSES = 8;

  /** Points {@code general} starts with. */
  static final double GENERAL_BASELINE = 1.25;
  /** Cues among the first this many words count double. */
  static final int LEADING_WORDS = 16;

  private static final String[] LABEL_ARRAY = LABELS.toArray(new String[0]);

  private TaskHeuristic() {}

  /** A task label with a confidence in [0, 1]. */
  public record Guess(String task, double confidence) {}

  /** Labels a prompt; an empty text is {@code general} with confidence 0. */
  public static Guess classify(String text) {
    if (text == null || text.isEmpty()) {
      return new Guess("general", 0.0);
    }
    double[] scores = score(text);
    int best = 0;
    for (int c = 1; c < CLASSES; c++) {
      if (scores[c] > scores[best]) {
        best = c;
      }
    }
    double second = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < CLASSES; c++) {
      if (c != best && scores[c] > second) {
        second = scores[c];
      }
    }
    double margin = scores[best] - second;
    return new Guess(LABEL_ARRAY[best], margin / (margin + 2.0));
  }

  /** The points of each label, indexed like {@link #LABELS}; for tests and explanations. */
  static double[] score(String text) {
    TaskScan scan = new TaskScan(text);
    scan.run();
    return scan.scores();
  }
}
