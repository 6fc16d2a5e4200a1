package dev.signalbox.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into token-like pieces, roughly as a BPE tokenizer does: a word with its leading
 * space, a run of punctuation with its leading space, or a run of spaces. The pieces join back
 * into the text exactly.
 */
final class TextTokens {
  private static final Pattern PIECE =
      Pattern.compile("\\s*[\\p{L}\\p{N}_]+|\\s*[^\\p{L}\\p{N}_\\s]+|\\s+");

  private TextTokens() {}

  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = PIECE.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
