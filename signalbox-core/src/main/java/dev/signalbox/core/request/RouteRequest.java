package dev.signalbox.core.request;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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
 * @param prefix the prompt's {@link PrefixBlocks}, computed on first use (null: from the messages)
 */
public record RouteRequest(
    String id,
    Operation operation,
    String model,
    List<Message> messages,
    int maxTokens,
    boolean stream,
    Map<String, String> attributes,
    Supplier<PrefixBlocks> prefix) {

  public RouteRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    attributes = Map.copyOf(attributes);
    if (prefix == null) {
      prefix = PrefixBlocks.lazy(messages);
    }
  }

  /** A request whose prefix blocks come from its messages when a pool strategy first asks. */
  public RouteRequest(String id, Operation operation, String model, List<Message> messages, int maxTokens,
      boolean stream, Map<String, String> attributes) {
    this(id, operation, model, messages, maxTokens, stream, attributes, null);
  }

  /** The prompt as hashed blocks, for cache-affinity pool strategies; computed once per request. */
  public PrefixBlocks prefixBlocks() {
    return prefix.get();
  }

  /** The same request with its prefix blocks given (a prompt known as tokens, as in the simulator). */
  public RouteRequest withPrefix(PrefixBlocks blocks) {
    Objects.requireNonNull(blocks, "blocks");
    return new RouteRequest(id, operation, model, messages, maxTokens, stream, attributes, () -> blocks);
  }

  /** A chat request with one user message, for tests and library callers. */
  public static RouteRequest chat(String id, String model, String userText) {
    return new RouteRequest(
        id, Operation.CHAT, model, List.of(Message.user(userText)), -1, false, Map.of());
  }
}
