package dev.signalbox.embeddings;

/**
 * The part of a prompt that is embedded: its last {@value #MAX_CHARS} characters, cut at a word
 * boundary. Long prompts put the question last (after instructions and few-shot examples), and a
 * small sentence encoder sees about 256 word pieces, so the tail is what tells prompts apart.
 */
public final class PromptTail {
  /** The most characters embedded. */
  public static final int MAX_CHARS = 1000;
  /** A short name of this rule, part of the embedder's id. */
  public static final String RULE = "tail" + MAX_CHARS;

  private PromptTail() {}

  public static String of(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return " ";
    }
    if (t.length() <= MAX_CHARS) {
      return t;
    }
    int from = t.length() - MAX_CHARS;
    int space = t.indexOf(' ', from);
    return t.substring(space > 0 && space < from + 40 ? space + 1 : from);
  }
}
