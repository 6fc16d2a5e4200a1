package dev.signalbox.eval.report;

import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.SliceMetrics;
import dev.signalbox.learn.Frontier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the evaluation tables need explained: the columns, and per slice the numbers that look wrong but are not. */
final class TableNotes {
  /** The columns a reader asks about. */
  static final String COLUMNS = "points: how many operating points the policy has (one per setting of its cost–quality"
      + " trade-off λ; 1 for a fixed policy; the zero router has one per model). max quality: the quality of its best"
      + " point; its cost: that point's mean cost per prompt (USD). cost to match best single: its cheapest point whose"
      + " quality reaches the best single model's on that slice.";

  private TableNotes() {}

  /** The notes under a slice's table: single models whose AIQ is 0, and task-aware equal to task-oracle. */
  static List<String> of(Evaluation.Result result, String slice) {
    List<String> notes = new ArrayList<>();
    double cMax = 0;
    for (Evaluation.PolicyResult p : result.policies()) {
      for (Frontier.Point pt : p.slices().get(slice).points()) {
        cMax = Math.max(cMax, pt.cost());
      }
    }
    for (Evaluation.PolicyResult p : result.policies()) {
      SliceMetrics m = p.slices().get(slice);
      if (p.name().startsWith("single:") && cMax > 0 && m.points().get(0).cost() >= cMax) {
        notes.add(p.name() + " has AIQ 0: it is the dearest policy here, so its cost is c_max, where the cost range AIQ"
            + " integrates over ends; a single model's frontier runs flat from its own cost to c_max, so it encloses"
            + " no area.");
      }
    }
    Optional<SliceMetrics> aware = find(result, "task-aware", slice);
    Optional<SliceMetrics> oracle = find(result, "task-oracle", slice);
    if (aware.isEmpty() || oracle.isEmpty()) {
      return notes;
    }
    if (sameFrontier(aware.get(), oracle.get())) {
      notes.add("task-aware equals task-oracle here (the same frontier, hence the same AIQ and best point): at every point"
          + " of it the model each task's training rows pick is the one its test rows pick, so fitting on train or on"
          + " test chooses the same model per task; they can differ only at dominated points.");
    } else if (sameCells(result, slice, "task-aware", "task-oracle")) {
      double a = aware.get().aiqCmax();
      double o = oracle.get().aiqCmax();
      notes.add("task-aware and task-oracle differ here only past the decimals shown: their frontiers differ slightly"
          + (Double.isNaN(a) ? "." : String.format(Locale.ROOT, " (AIQ ÷c_max %.5f and %.5f).", a, o)));
    }
    return notes;
  }

  /** Whether two policies have the same frontier, hence the same AIQ, best point and cost to match. */
  static boolean sameFrontier(SliceMetrics a, SliceMetrics b) {
    return Frontier.hull(a.points()).equals(Frontier.hull(b.points()));
  }

  /** Whether two policies' rows show the same numbers. */
  private static boolean sameCells(Evaluation.Result result, String slice, String a, String b) {
    List<List<String>> rows = TextTables.rows(result, slice);
    Optional<List<String>> ra = rows.stream().filter(r -> r.get(0).equals(a)).findFirst();
    Optional<List<String>> rb = rows.stream().filter(r -> r.get(0).equals(b)).findFirst();
    return ra.isPresent() && rb.isPresent()
        && ra.get().subList(2, ra.get().size()).equals(rb.get().subList(2, rb.get().size()));
  }

  private static Optional<SliceMetrics> find(Evaluation.Result result, String policy, String slice) {
    return result.policies().stream().filter(p -> p.name().equals(policy)).findFirst().map(p -> p.slices().get(slice));
  }
}
