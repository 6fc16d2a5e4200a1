package dev.signalbox.learn.features;

/**
 * Text complexity as GreenServ measures it: {@code clamp(100 − Flesch Reading Ease, 0, 100)},
 * higher is harder, with Flesch Reading Ease = 206.835 − 1.015·words/sentences −
 * 84.6·syllables/words (Flesch 1948). Syllables are counted as vowel groups less a silent final
 * {@code e}, a close stand-in for the dictionary hyphenation of the {@code textstat} library that
 * GreenServ uses. One pass over the text, no allocation.
 */
public final class Readability {
  private Readability() {}

  /** The difficulty score in [0, 100]; 0 for a text without words. */
  public static double difficulty(String text) {
    int words = 0;
    int syllables = 0;
    int sentences = 0;
    int wordSyllables = 0;
    boolean inWord = false;
    boolean prevVowel = false;
    char last = ' ';
    char beforeLast = ' ';
    boolean prevTerminator = false;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (letter) {
        char lower = Character.toLowerCase(c);
        boolean vowel = lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'u' || lower == 'y';
        if (vowel && !prevVowel) {
          wordSyllables++;
        }
        prevVowel = vowel;
        beforeLast = last;
        last = lower;
        inWord = true;
      } else if (inWord) {
        // a silent final e (make, code) is not a syllable, unless it is the word's only vowel group
        boolean silentE = last == 'e' && beforeLast != 'l' && wordSyllables > 1;
        syllables += Math.max(1, wordSyllables - (silentE ? 1 : 0));
        words++;
        wordSyllables = 0;
        prevVowel = false;
        last = ' ';
        inWord = false;
      }
      boolean terminator = c == '.' || c == '!' || c == '?';
      if (terminator && !prevTerminator) {
        sentences++;
      }
      prevTerminator = terminator;
    }
    if (words == 0) {
      return 0;
    }
    double ease = 206.835 - 1.015 * words / Math.max(1, sentences) - 84.6 * syllables / words;
    return Math.max(0, Math.min(100, 100 - ease));
  }

  /** The bin of a difficulty score: the number of thresholds it reaches (GreenServ: [20, 30] → 0, 1, 2). */
  public static int bin(double difficulty, double[] thresholds) {
    int b = 0;
    while (b < thresholds.length && difficulty >= thresholds[b]) {
      b++;
    }
    return b;
  }
}
