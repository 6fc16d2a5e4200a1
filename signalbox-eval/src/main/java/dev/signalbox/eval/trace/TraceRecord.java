package dev.signalbox.eval.trace;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.RouteRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One prompt of a routing trace with every model's outcome on it: a line of the generic JSONL
 * format, or a row of a dataset a reader adapts.
 *
 * @param id the prompt's id
 * @param task its task label, or {@code all}
 * @param messages the prompt as chat messages (a plain prompt is one user message)
 * @param models outcome per model name, in the data's order
 * @param split {@code train}, {@code test}, or null
 */
public record TraceRecord(String id, String task, List<Message> messages, Map<String, ModelOutcome> models, String split) {

  public TraceRecord {
    Objects.requireNonNull(id, "id");
    task = task == null || task.isBlank() ? "all" : task;
    messages = List.copyOf(messages);
    models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }

  /** The request a router sees for this prompt. */
  public RouteRequest request() {
    return new RouteRequest(id, dev.signalbox.core.request.Operation.CHAT, "auto", messages, -1, false, Map.of());
  }
}
