package dev.signalbox.core.signal;

/** Character classes for the task scan: ASCII from a table, the rest from {@link Character}. */
final class CharClasses {
  static final byte LETTER = 1;
  static final byte DIGIT = 2;
  static final byte UPPER = 4;
  static final byte LOWER = 8;
  static final byte UNDERSCORE = 16;
  /** What a word is made of: letters, digits and underscores (identifiers are words too). */
  static final byte WORD = LETTER | DIGIT | UNDERSCORE;
  /** Character classes of ASCII, so the common case skips {@link Character}'s Unicode tables. */
  private static final byte[] ASCII = asciiClasses();

  private CharClasses() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return c < 128 ? (ASCII[c] & LETTER) != 0 : Character.isLetter(c);
  }

  static int kind(char c) {
    if (c < 128) {
      return ASCII[c];
    }
    int kind = Character.isLetter(c) ? LETTER : Character.isDigit(c) ? DIGIT : 0;
    if (kind == 0) {
      return 0;
    }
    kind |= Character.isUpperCase(c) ? UPPER : Character.isLowerCase(c) ? LOWER : 0;
    return kind;
  }

  /** Lower case as {@link Character#toLowerCase(char)}, which the vocabulary's hashes assume. */
  static char lower(char c) {
    if (c < 128) {
      return (ASCII[c] & UPPER) != 0 ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(c);
  }

  private static byte[] asciiClasses() {
    byte[] classes = new byte[128];
    for (char c = 0; c < 128; c++) {
      if (c >= 'a' && c <= 'z') {
        classes[c] = LETTER | LOWER;
      } else if (c >= 'A' && c <= 'Z') {
        classes[c] = LETTER | UPPER;
      } else if (isDigit(c)) {
        classes[c] = DIGIT;
      } else if (c == '_') {
        classes[c] = UNDERSCORE;
      }
    }
    return classes;
  }
}
