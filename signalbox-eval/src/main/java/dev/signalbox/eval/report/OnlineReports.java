package dev.signalbox.eval.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.eval.online.Adaptation;
import dev.signalbox.eval.online.OnlineResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files and tables of an online replay: {@code results.json} as {@code {"policies": [{"name",
 * "regret", "regret_sd", "reward_mean", "quality_mean", "cost_mean"}], "drift": [{"scenario",
 * "start", "policies": [{... the same, plus "moved_off" and "moved_to"}]}]}} (means over seeds,
 * regret cumulative over the stream, cost in USD per request), {@code report.md} and a regret plot
 * per scenario.
 */
public final class OnlineReports {
  private OnlineReports() {}

  /** Writes results.json, report.md and regret-*.svg|png. */
  public static void write(Path dir, OnlineResult result, String command) {
    try {
      Files.createDirectories(dir);
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("results.json").toFile(), json(result));
      Files.writeString(dir.resolve("report.md"), markdown(result, command));
      List<String> plots = RegretPlot.baseNames(result);
      for (int i = 0; i < plots.size(); i++) {
        RegretPlot.write(dir, result, result.scenarios().get(i), plots.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }

  public static ObjectNode json(OnlineResult result) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode policies = root.putArray("policies");
    result.stationary().policies().forEach(p -> policies.add(policy(p)));
    ArrayNode drift = root.putArray("drift");
    for (OnlineResult.Scenario s : result.scenarios().subList(1, result.scenarios().size())) {
      ObjectNode d = drift.addObject();
      d.put("scenario", s.name());
      d.put("start", s.start());
      ArrayNode ps = d.putArray("policies");
      for (OnlineResult.PolicyRun p : s.policies()) {
        ObjectNode n = policy(p);
        n.set("moved_off", moves(p.movedOff()));
        n.set("moved_to", moves(p.movedTo()));
        ps.add(n);
      }
    }
    return root;
  }

  private static ObjectNode policy(OnlineResult.PolicyRun p) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("name", p.name());
    n.put("regret", p.regret().mean());
    n.put("regret_sd", p.regret().sd());
    n.put("reward_mean", p.reward().mean());
    n.put("quality_mean", p.quality().mean());
    n.put("cost_mean", p.cost().mean());
    return n;
  }

  private static ArrayNode moves(List<Adaptation.Move> moves) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Adaptation.Move m : moves) {
      ObjectNode n = out.addObject();
      n.put("subject", m.subject());
      n.put("share", m.share());
      ArrayNode rs = n.putArray("requests");
      Arrays.stream(m.requests()).forEach(r -> {
        if (r == null) {
          rs.addNull();
        } else {
          rs.add(r);
        }
      });
      if (m.median() != null) {
        n.put("requests_median", m.median());
      }
      if (m.worst() != null) {
        n.put("requests_worst", m.worst());
      }
    }
    return out;
  }

  /** The summary for the terminal. */
  public static String plain(OnlineResult result) {
    StringBuilder sb = new StringBuilder(setup(result)).append('\n');
    for (OnlineResult.Scenario s : result.scenarios()) {
      sb.append('\n').append(title(s)).append('\n').append(TextTables.aligned(rows(s)));
    }
    return sb.toString();
  }

  static String markdown(OnlineResult result, String command) {
    StringBuilder sb = new StringBuilder("# Online routing replay\n\n`").append(command).append("`\n\n")
        .append(setup(result)).append("\n\nRegret is cumulative over the stream against the best reward any model of the"
            + " pool had on each prompt; reward, quality and cost are means per request; ± is the standard deviation"
            + " over seeds. \"moved off\" counts the requests after the drift until the model keeps at most 20% of its"
            + " earlier share (in parentheses) in every later window of 50; \"moved to\" until the new model has most of its task's"
            + " requests in every later window of 20 of them (median and worst seed; never = not by the end).\n");
    List<String> plots = RegretPlot.baseNames(result);
    for (int i = 0; i < plots.size(); i++) {
      OnlineResult.Scenario s = result.scenarios().get(i);
      sb.append("\n## ").append(title(s)).append("\n\n![regret](").append(plots.get(i)).append(".svg)\n\n")
          .append(TextTables.markdownTable(rows(s)));
    }
    if (!result.explanations().isEmpty()) {
      sb.append("\n## What the learners learned (stationary stream, first seed)\n\nPer task, each model's choice"
          + " probability (pheromone) or predicted reward (bandits).\n");
      for (var e : result.explanations().entrySet()) {
        if (!e.getValue().isEmpty()) {
          sb.append("\n### ").append(e.getKey()).append("\n\n").append(TextTables.markdownTable(matrix(e.getValue())));
        }
      }
    }
    return sb.toString();
  }

  private static String setup(OnlineResult r) {
    return String.format(Locale.ROOT, "%s. Models: %s. Reward = (1 − λ)·quality − λ·cost/%.6g USD with λ = %s; the best"
        + " fixed model in hindsight is %s.", r.protocol(), String.join(", ", r.models()), r.reward().costScale(),
        r.reward().lambda(), r.bestFixed());
  }

  private static String title(OnlineResult.Scenario s) {
    return s.drift() == null ? "stationary" : "drift " + s.name() + " (from request " + s.start() + ")";
  }

  static List<List<String>> rows(OnlineResult.Scenario s) {
    boolean drift = s.drift() != null;
    List<String> header = new ArrayList<>(List.of("policy", "regret", "reward", "quality", "cost (USD)"));
    if (drift) {
      header.addAll(List.of("moved off (median / worst)", "moved to (median / worst)"));
    }
    List<List<String>> out = new ArrayList<>();
    out.add(header);
    for (OnlineResult.PolicyRun p : s.policies()) {
      List<String> row = new ArrayList<>(List.of(p.name(), stats(p.regret(), "%.1f"), stats(p.reward(), "%.4f"),
          stats(p.quality(), "%.3f"), String.format(Locale.ROOT, "%.6f", p.cost().mean())));
      if (drift) {
        row.add(moves(p.movedOff(), false));
        row.add(moves(p.movedTo(), true));
      }
      out.add(row);
    }
    return out;
  }

  private static String stats(OnlineResult.Stats s, String format) {
    return String.format(Locale.ROOT, format + " ± " + format, s.mean(), s.sd());
  }

  private static String moves(List<Adaptation.Move> moves, boolean withSubject) {
    if (moves.isEmpty()) {
      return "–";
    }
    List<String> parts = new ArrayList<>();
    for (Adaptation.Move m : moves) {
      String r = (m.median() == null ? "never" : m.median().toString()) + " / "
          + (m.worst() == null ? "never" : m.worst().toString());
      parts.add(withSubject ? m.subject() + ": " + r
          : r + String.format(Locale.ROOT, " (share before %.0f%%)", 100 * m.share()));
    }
    return String.join("; ", parts);
  }

  private static List<List<String>> matrix(Map<String, Map<String, Double>> m) {
    List<String> models = new ArrayList<>(m.values().iterator().next().keySet());
    List<List<String>> out = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("task"));
    models.forEach(x -> header.add(x.replaceFirst(".*/", "")));
    out.add(header);
    m.forEach((task, row) -> {
      List<String> r = new ArrayList<>(List.of(task));
      models.forEach(x -> r.add(String.format(Locale.ROOT, "%.3f", row.getOrDefault(x, Double.NaN))));
      out.add(r);
    });
    return out;
  }
}
