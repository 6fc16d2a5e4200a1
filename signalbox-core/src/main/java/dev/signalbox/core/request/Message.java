package dev.signalbox.core.request;

import java.util.Objects;

/**
 * One message of a conversation, reduced to what signals need: the role and its text.
 *
 * @param role e.g. {@code user}
 * @param text the text (for an input given as token ids: the ids, space-separated)
 * @param tokens the exact token count when known (token-id inputs), else -1 to estimate it
 */
public record Message(String role, String text, int tokens) {
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  /** A message whose tokens are estimated from its text. */
  public Message(String role, String text) {
    this(role, text, -1);
  }

  public static Message user(String text) {
    return new Message("user", text);
  }
}
