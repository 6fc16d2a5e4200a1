package dev.signalbox.core.routing.rules;

import java.util.List;
import java.util.Locale;

/**
 * Finds up to 64 keywords in a text in one pass, allocating nothing. Each position is first
 * checked against a table of the keywords' first characters, so most positions cost one lookup.
 * A space inside a keyword matches any run of whitespace ("step by step" matches "step by\nstep").
 * In whole-word mode a keyword that begins (ends) with a letter, digit or underscore must not be
 * preceded (followed) by one.
 */
final class KeywordSet {
  static final int MAX_KEYWORDS = 64;

  private final String[] keywords;
  private final boolean ignoreCase;
  private final boolean wholeWord;
  /** For each ASCII character, the keywords that may start with it. */
  private final long[] startingWith = new long[128];
  /** Keywords whose first character is not ASCII: tried at every non-ASCII position. */
  private long startingNonAscii;
  /** In whole-word mode, the keywords that cannot start in the middle of a word. */
  private long wordStarts;

  /**
   * @param keywords normalised keywords: trimmed, inner whitespace a single space, lower case when
   *     {@code ignoreCase}
   */
  KeywordSet(List<String> keywords, boolean ignoreCase, boolean wholeWord) {
    if (keywords.isEmpty() || keywords.size() > MAX_KEYWORDS) {
      throw new IllegalArgumentException("1 to " + MAX_KEYWORDS + " keywords, got " + keywords.size());
    }
    this.keywords = keywords.toArray(new String[0]);
    this.ignoreCase = ignoreCase;
    this.wholeWord = wholeWord;
    for (int k = 0; k < this.keywords.length; k++) {
      char first = this.keywords[k].charAt(0);
      long bit = 1L << k;
      if (wholeWord && isWordChar(first)) {
        wordStarts |= bit;
      }
      if (first >= 128) {
        startingNonAscii |= bit;
        continue;
      }
      startingWith[first] |= bit;
      if (ignoreCase) {
        startingWith[Character.toUpperCase(first)] |= bit;
      }
    }
  }

  /** Trims a keyword, collapses its inner whitespace to one space and folds case when asked. */
  static String normalise(String keyword, boolean ignoreCase) {
    String k = keyword.strip().replaceAll("\\s+", " ");
    return ignoreCase ? k.toLowerCase(Locale.ROOT) : k;
  }

  int size() {
    return keywords.length;
  }

  String keyword(int index) {
    return keywords[index];
  }

  /** A bit mask with one bit per keyword. */
  long all() {
    return keywords.length == 64 ? -1L : (1L << keywords.length) - 1;
  }

  /**
   * The keywords found in {@code text}, as a bit mask: all of them, or only the first one found
   * when {@code stopAtFirst}.
   */
  long find(CharSequence text, boolean stopAtFirst) {
    long everything = all();
    long found = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      long candidates = (c < 128 ? startingWith[c] : startingNonAscii) & ~found;
      if (candidates != 0 && i > 0 && isWordChar(text.charAt(i - 1))) {
        candidates &= ~wordStarts;
      }
      while (candidates != 0) {
        int k = Long.numberOfTrailingZeros(candidates);
        candidates &= candidates - 1;
        if (matchesAt(text, i, keywords[k])) {
          found |= 1L << k;
          if (stopAtFirst || found == everything) {
            return found;
          }
        }
      }
    }
    return found;
  }

  private boolean matchesAt(CharSequence text, int start, String keyword) {
    int n = text.length();
    int i = start;
    for (int k = 0; k < keyword.length(); k++) {
      char want = keyword.charAt(k);
      if (want == ' ') {
        int spaceStart = i;
        while (i < n && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        if (i == spaceStart) {
          return false;
        }
      } else {
        if (i >= n || !same(text.charAt(i), want)) {
          return false;
        }
        i++;
      }
    }
    return !wholeWord || !isWordChar(keyword.charAt(keyword.length() - 1)) || i >= n
        || !isWordChar(text.charAt(i));
  }

  private boolean same(char got, char want) {
    if (got == want) {
      return true;
    }
    if (!ignoreCase) {
      return false;
    }
    char lower = Character.toLowerCase(got);
    // some letters only fold through upper case (as String.regionMatches does)
    return lower == want || Character.toUpperCase(got) == Character.toUpperCase(want);
  }

  private static boolean isWordChar(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return Character.isLetterOrDigit(c);
  }
}
