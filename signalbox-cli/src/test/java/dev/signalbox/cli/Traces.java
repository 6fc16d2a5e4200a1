package dev.signalbox.cli;

import dev.signalbox.core.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small generic traces for the offline commands. */
final class Traces {
  private Traces() {}

  /**
   * Forty prompts in {@code dir/trace.jsonl}: cooking questions are easy (the small model is
   * right), proofs are hard (only the large one is).
   */
  static Path cookingAndProofs(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      boolean easy = i % 2 == 0;
      String prompt = easy ? "How long should I boil pasta number " + i + " for dinner?"
          : "Prove that theorem " + i + " about prime numbers holds for every integer.";
      sb.append(String.format(Locale.ROOT, "{\"id\": \"p%d\", \"task\": \"%s\", \"prompt\": %s, \"models\": "
          + "{\"small\": {\"quality\": %d, \"cost\": 0.0001}, \"large\": {\"quality\": 1, \"cost\": 0.002}}}%n",
          i, easy ? "cooking" : "proofs", Json.quote(prompt), easy ? 1 : 0));
    }
    Path trace = dir.resolve("trace.jsonl");
    Files.writeString(trace, sb);
    return trace;
  }
}
