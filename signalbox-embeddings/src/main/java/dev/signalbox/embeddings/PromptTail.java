package dev.signalbox.embeddings;

/**
 * The part of a prompt that is embedded: its last block (after the last blank line), widened
 * block by block while shorter than {@value #MIN_CHARS} characters, and at most its last
 * {@value #MAX_CHARS} characters, cut at a word boundary. Prompts put the question last, after
 * instructions and few-shot examples that are often the same for every prompt of a task and would
 * otherwise dominate the embedding; a small sentence encoder also sees only about 256 word pieces.
 */
public final class PromptTail {
  /** The most characters embedded. */
  public static final int MAX_CHARS = 1000;
  /** A last block shorter than this takes in the block before it. */
  public static final int MIN_CHARS = 100;
  /** A short name of this rule, part of the embedder's id. */
  public static final String RULE = "lastblock" + MIN_CHARS + "-tail" + MAX_CHARS;

  private PromptTail() {}

  public static String of(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return " ";
    }
    int start = t.length();
    while (start > 0 && t.length() - start < MIN_CHARS) {
      int blank = t.lastIndexOf("\n\n", start - 1);
      start = blank < 0 ? 0 : blank;
    }
    String block = t.substring(start).strip();
    if (block.length() <= MAX_CHARS) {
      return block;
    }
    int from = block.length() - MAX_CHARS;
    int space = block.indexOf(' ', from);
    return block.substring(space > 0 && space < from + 40 ? space + 1 : from);
  }
}
