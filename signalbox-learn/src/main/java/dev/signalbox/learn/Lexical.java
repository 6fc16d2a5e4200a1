package dev.signalbox.learn;

/**
 * Cheap features of a prompt's whole text, beside the embedding of its tail: length, the share of
 * CJK characters, digits, symbols and capitals, lines, option lists ("A." / "(B)" lines), code
 * markers, math markup, and whether it ends with a colon ("Answer:") or a question mark. They
 * carry the prompt's format, which the tail's embedding may lose (a 5-shot prompt's head differs
 * from its tail), and so help to tell tasks apart. Each lies in [0, 1].
 */
public final class Lexical {
  /** How many features {@link #of} returns. */
  public static final int SIZE = 12;

  private Lexical() {}

  /** The features of a text (all zero for null or empty text). */
  public static float[] of(String text) {
    float[] f = new float[SIZE];
    if (text == null || text.isEmpty()) {
      return f;
    }
    int n = text.length();
    int cjk = 0;
    int digits = 0;
    int symbols = 0;
    int upper = 0;
    int letters = 0;
    int lines = 1;
    int questions = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        lines++;
      } else if (c == '?' || c == '？') {
        questions++;
      }
      if (Character.isDigit(c)) {
        digits++;
      } else if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
        if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
          cjk++;
        }
      } else if ("{}[]()=<>;:_#*+-/\\|&%$^~`\"'".indexOf(c) >= 0) {
        symbols++;
      }
    }
    String tail = text.stripTrailing();
    char last = tail.isEmpty() ? ' ' : tail.charAt(tail.length() - 1);
    f[0] = (float) Math.min(1, Math.log1p(n) / 10);
    f[1] = (float) cjk / n;
    f[2] = (float) digits / n;
    f[3] = (float) symbols / n;
    f[4] = letters == 0 ? 0 : (float) upper / letters;
    f[5] = (float) Math.min(1, Math.log1p(lines) / 6);
    f[6] = options(text) ? 1 : 0;
    f[7] = text.contains("def ") || text.contains("return ") || text.contains("    ") ? 1 : 0;
    f[8] = text.contains("$") || text.contains("\\frac") || text.contains("^") ? 1 : 0;
    f[9] = last == ':' || last == '：' ? 1 : 0;
    f[10] = last == '?' || last == '？' ? 1 : 0;
    f[11] = (float) Math.min(1, Math.log1p(questions) / 3);
    return f;
  }

  /** Whether the text lists options on their own lines: "A." or "A)" or "(A)" then "B...". */
  private static boolean options(String text) {
    return (text.contains("\nA.") || text.contains("\nA)") || text.contains("(A)"))
        && (text.contains("\nB.") || text.contains("\nB)") || text.contains("(B)"));
  }
}
