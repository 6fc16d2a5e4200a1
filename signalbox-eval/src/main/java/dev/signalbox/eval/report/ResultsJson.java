package dev.signalbox.eval.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.SliceMetrics;
import dev.signalbox.learn.Frontier;

/**
 * {@code results.json}: {@code {"policies": [{"name", "kind", "pooled": {"points": [[cost,
 * quality], ...], "aiq_cmax", "aiq_range", "apgr", "cpt50", "cpt80"}, "tasks": {TASK: {...}}}]}},
 * quality in [0, 1], cost in USD per prompt; a metric that does not apply is absent.
 */
public final class ResultsJson {
  private ResultsJson() {}

  public static ObjectNode of(Evaluation.Result result) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("protocol", result.protocol());
    root.set("models", Json.MAPPER.valueToTree(result.models()));
    ArrayNode policies = root.putArray("policies");
    for (Evaluation.PolicyResult p : result.policies()) {
      ObjectNode n = policies.addObject();
      n.put("name", p.name());
      n.put("kind", p.kind().label());
      n.set("pooled", slice(p.slices().get(Evaluation.POOLED)));
      if (result.slices().size() > 1) {
        n.put("task_mean_quality", p.taskMeanQuality());
      }
      ObjectNode tasks = n.putObject("tasks");
      for (String s : result.slices()) {
        if (!s.equals(Evaluation.POOLED)) {
          tasks.set(s, slice(p.slices().get(s)));
        }
      }
    }
    return root;
  }

  private static ObjectNode slice(SliceMetrics m) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode points = n.putArray("points");
    for (Frontier.Point p : m.points()) {
      points.addArray().add(p.cost()).add(p.quality());
    }
    put(n, "aiq_cmax", m.aiqCmax());
    put(n, "aiq_range", m.aiqRange());
    put(n, "apgr", m.apgr());
    put(n, "cpt50", m.cpt50());
    put(n, "cpt80", m.cpt80());
    return n;
  }

  private static void put(ObjectNode n, String key, double value) {
    if (!Double.isNaN(value)) {
      n.put(key, value);
    }
  }
}
