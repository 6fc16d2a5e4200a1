package dev.signalbox.eval.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.request.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RouterDC's per-query scores: a JSON array of {@code {"question", "scores": {MODEL: x}}}. The task
 * is the file name. Quality follows the dataset's reading rules, so that its mean is accuracy:
 * generation sets (GSM8K, HumanEval, MBPP, JavaScript) keep the pass fraction; multiple-choice sets
 * score 1 when the model's answer was right (score > 0), else 0. There is no cost.
 */
public final class RouterDcJsonReader implements TraceReader {
  private static final Set<String> GENERATION = Set.of("gsm8k", "humaneval", "mbpp", "javascript");

  @Override
  public boolean accepts(Path file, String head) {
    return file.getFileName().toString().endsWith(".json") && head.stripLeading().startsWith("[")
        && head.contains("\"question\"") && head.contains("\"scores\"");
  }

  @Override
  public List<TraceRecord> read(Path file) throws IOException {
    JsonNode root = Json.MAPPER.readTree(file.toFile());
    String task = TraceReader.taskOf(file);
    boolean generation = GENERATION.contains(task.toLowerCase());
    String split = TraceReader.splitOf(file);
    List<TraceRecord> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : root) {
      Map<String, ModelOutcome> outcomes = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = item.get("scores").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        double score = e.getValue().asDouble();
        outcomes.put(e.getKey(), ModelOutcome.of(generation ? score : (score > 0 ? 1 : 0), Double.NaN));
      }
      out.add(new TraceRecord(task + "." + (split == null ? "" : split + ".") + i++, task,
          List.of(Message.user(item.get("question").asText())), outcomes, split));
    }
    return out;
  }
}
