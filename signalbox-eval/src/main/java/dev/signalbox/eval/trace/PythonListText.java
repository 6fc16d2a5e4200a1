package dev.signalbox.eval.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a Python list-of-strings literal such as {@code ['Line one\nLine two']}: its string
 * elements unescaped and joined by newlines. Text that is not such a literal is returned as is.
 */
final class PythonListText {
  private PythonListText() {}

  static String parse(String literal) {
    String s = literal.strip();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      return literal;
    }
    List<String> parts = new ArrayList<>();
    int i = 1;
    while (i < s.length() - 1) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c) {
          char d = s.charAt(j);
          if (d == '\\' && j + 1 < s.length()) {
            char e = s.charAt(++j);
            switch (e) {
              case 'n': sb.append('\n'); break;
              case 't': sb.append('\t'); break;
              case 'r': sb.append('\r'); break;
              default: sb.append(e);
            }
          } else {
            sb.append(d);
          }
          j++;
        }
        parts.add(sb.toString());
        i = j + 1;
      } else {
        i++;
      }
    }
    return parts.isEmpty() ? literal : String.join("\n", parts);
  }
}
