package dev.signalbox.sim;

import dev.signalbox.core.hash.StableHash;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes deterministic answers: the words and the length depend only on the seed and the prompt,
 * so a prompt gets the same answer whatever else the replica is doing.
 */
final class AnswerGenerator {
  private static final String[] WORDS = {
    "the", "model", "answer", "is", "a", "simulated", "response", "to", "your", "question",
    "and", "it", "uses", "words", "from", "small", "vocabulary", "so", "that", "tests",
    "can", "count", "tokens", "one", "per", "word", "router", "signal", "replica", "latency",
    "queue", "stream", "cache", "prefix", "budget", "cost", "quality", "request", "reply", "data",
    "value", "result", "first", "next", "then", "with", "for", "of", "in", "on",
    "each", "every", "more", "less", "fast", "slow", "clear", "simple", "steady", "known",
    "here", "there", "this", "we",
  };

  private final long seed;

  /** An answerer whose texts are fixed by {@code seed}. */
  AnswerGenerator(long seed) {
    this.seed = seed;
  }

  /**
   * The answer to a prompt: a length drawn uniformly in [0.5, 1.5] x {@code typicalTokens}, cut at
   * {@code maxTokens} (when not -1) with finish reason {@code length}.
   */
  Answer answer(String prompt, int typicalTokens, int maxTokens) {
    List<String> words = words(prompt, typicalTokens);
    boolean cut = maxTokens >= 0 && maxTokens < words.size();
    return new Answer(cut ? words.subList(0, maxTokens) : words, cut ? "length" : "stop");
  }

  /** The whole answer to a prompt, one word per token, the first capitalised, the last with a full stop. */
  List<String> words(String prompt, int typicalTokens) {
    SeededRandom random = new SeededRandom(StableHash.of(seed, prompt));
    int low = Math.max(1, (int) Math.round(typicalTokens * 0.5));
    int high = Math.max(low, (int) Math.round(typicalTokens * 1.5));
    int length = low + random.nextInt(high - low + 1);
    List<String> tokens = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      String word = word(random);
      if (i == 0) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      } else {
        word = " " + word;
      }
      if (i == length - 1) {
        word = word + ".";
      }
      tokens.add(word);
    }
    return tokens;
  }

  /** A word of the answers' vocabulary. */
  static String word(SeededRandom random) {
    return WORDS[random.nextInt(WORDS.length)];
  }
}
