package dev.signalbox.core.request;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the router sees of one request: the operation, the model or route the caller named, the
 * conversation as plain text, and the caller's output limit.
 *
 * @param id the request id (also echoed to the client)
 * @param operation chat, completions or embeddings
 * @param model the requested model, route name or {@code auto}
 * @param messages the conversation (for completions and embeddings: the inputs as user messages)
 * @param maxTokens the caller's output limit, or -1 when none was given
 * @param stream whether the caller asked for a streamed response
 * @param attributes caller facts such as tenant or key name; empty when none
 */
public record RouteRequest(
    String id,
    Operation operation,
    String model,
    List<Message> messages,
    int maxTokens,
    boolean stream,
    Map<String, String> attributes) {

  public RouteRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    attributes = Map.copyOf(attributes);
  }

  /** A chat request with one user message, for tests and library callers. */
  public static RouteRequest chat(String id, String model, String userText) {
    return new RouteRequest(
        id, Operation.CHAT, model, List.of(Message.user(userText)), -1, false, Map.of());
  }
}
