package dev.signalbox.eval.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.request.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic trace format, one JSON object per line:
 * {@code {"id", "task", "prompt" | "messages": [{role, content}], "models": {NAME: {"quality",
 * "cost", "input_tokens", "output_tokens", "latency_ms"}}, "split"}}; only {@code quality} is
 * required per model. Errors name the file and line.
 */
public final class JsonlTraceReader implements TraceReader {

  @Override
  public boolean accepts(Path file, String head) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") || (name.endsWith(".json") && head.stripLeading().startsWith("{"));
  }

  @Override
  public List<TraceRecord> read(Path file) throws IOException {
    List<TraceRecord> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(parse(Json.MAPPER.readTree(line), number));
        } catch (IOException | IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  static TraceRecord parse(JsonNode n, int line) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    List<Message> messages = new ArrayList<>();
    if (n.hasNonNull("messages")) {
      for (JsonNode m : n.get("messages")) {
        messages.add(new Message(m.path("role").asText("user"), m.path("content").asText("")));
      }
    } else if (n.hasNonNull("prompt")) {
      messages.add(Message.user(n.get("prompt").asText()));
    } else {
      throw new IllegalArgumentException("needs \"prompt\" or \"messages\"");
    }
    JsonNode models = n.get("models");
    if (models == null || !models.isObject() || models.isEmpty()) {
      throw new IllegalArgumentException("needs \"models\": {NAME: {\"quality\": ...}}");
    }
    Map<String, ModelOutcome> outcomes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode o = e.getValue();
      if (!o.path("quality").isNumber()) {
        throw new IllegalArgumentException("models." + e.getKey() + ".quality must be a number");
      }
      double q = o.get("quality").asDouble();
      if (q < 0 || q > 1) {
        throw new IllegalArgumentException("models." + e.getKey() + ".quality must be in [0, 1], got " + q);
      }
      outcomes.put(e.getKey(), new ModelOutcome(q, num(o, "cost"), num(o, "input_tokens"), num(o, "output_tokens"),
          num(o, "latency_ms")));
    }
    String split = n.hasNonNull("split") ? n.get("split").asText() : null;
    return new TraceRecord(n.path("id").asText("line-" + line), n.path("task").asText(null), messages, outcomes, split);
  }

  private static double num(JsonNode o, String key) {
    return o.path(key).isNumber() ? o.get(key).asDouble() : Double.NaN;
  }
}
