package dev.signalbox.core.request;

import java.util.Objects;

/** One message of a conversation, reduced to what signals need: the role and its text. */
public record Message(String role, String text) {
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  public static Message user(String text) {
    return new Message("user", text);
  }
}
