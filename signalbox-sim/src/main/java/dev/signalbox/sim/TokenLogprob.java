package dev.signalbox.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A generated token's log probability and the most likely tokens at its place, the token itself
 * first: a model sampling near temperature 0.
 *
 * @param token the token
 * @param logprob its log probability, at most 0
 * @param top the {@code n} most likely tokens, most likely first
 */
record TokenLogprob(String token, double logprob, List<Alternative> top) {

  /** A token that could have come at this place. */
  record Alternative(String token, double logprob) {}

  /**
   * Draws log probabilities for {@code tokens} with {@code n} alternatives each: the token's own
   * probability in [0.4, 1), the others sharing part of the rest, so that all of them sum to below 1.
   */
  static List<TokenLogprob> draw(List<String> tokens, int n, SeededRandom random) {
    List<TokenLogprob> out = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      double p = 0.4 + 0.6 * random.nextDouble();
      double logprob = Math.log(p);
      List<Alternative> top = new ArrayList<>(n);
      if (n > 0) {
        top.add(new Alternative(token, logprob));
      }
      Set<String> seen = new HashSet<>(Set.of(token));
      String space = token.startsWith(" ") ? " " : "";
      double rest = 1 - p;
      while (top.size() < n) {
        String other = space + AnswerGenerator.word(random);
        if (seen.add(other)) {
          rest /= 2;
          top.add(new Alternative(other, Math.log(rest * (0.5 + 0.5 * random.nextDouble()))));
        }
      }
      out.add(new TokenLogprob(token, logprob, List.copyOf(top)));
    }
    return out;
  }
}
