package dev.signalbox.eval.report;

import dev.signalbox.eval.Evaluation;
import dev.signalbox.eval.SliceMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation as tables, one per slice (pooled first, then each task): a plain-text layout for
 * the terminal and a Markdown one for {@code report.md}, built from the same rows.
 */
public final class TextTables {
  private TextTables() {}

  /** The header and the rows of one slice's table. */
  static List<List<String>> rows(Evaluation.Result result, String slice) {
    boolean costs = result.policies().stream().anyMatch(p -> !Double.isNaN(p.slices().get(slice).aiqCmax()));
    boolean twoModels = result.models().size() == 2;
    boolean pooled = slice.equals(Evaluation.POOLED) && result.slices().size() > 1;
    List<String> header = new ArrayList<>(List.of("policy", "kind", "points", "max quality", "its cost"));
    if (costs) {
      header.addAll(List.of("cost to match best single", "AIQ ÷c_max", "AIQ ÷range"));
    }
    if (twoModels) {
      header.addAll(List.of("APGR", "CPT(50%)", "CPT(80%)"));
    }
    if (pooled) {
      header.add("task-mean quality");
    }
    List<List<String>> out = new ArrayList<>();
    out.add(header);
    for (Evaluation.PolicyResult p : result.policies()) {
      SliceMetrics m = p.slices().get(slice);
      List<String> row = new ArrayList<>(List.of(p.name(), p.kind().label(), Integer.toString(m.points().size()),
          Format.quality(m.best().quality()), Format.cost(m.best().cost())));
      if (costs) {
        row.addAll(List.of(Format.cost(m.costToMatch()), Format.quality(m.aiqCmax()), Format.quality(m.aiqRange())));
      }
      if (twoModels) {
        row.addAll(List.of(Format.quality(m.apgr()), Format.percent(m.cpt50()), Format.percent(m.cpt80())));
      }
      if (pooled) {
        row.add(Format.quality(p.taskMeanQuality()));
      }
      out.add(row);
    }
    return out;
  }

  /** Aligned plain text for the terminal. */
  public static String plain(Evaluation.Result result) {
    StringBuilder sb = new StringBuilder();
    sb.append(result.protocol()).append('\n');
    for (String slice : result.slices()) {
      sb.append('\n').append(slice).append(" (").append(result.sliceSizes().get(slice)).append(" prompts)\n");
      sb.append(aligned(rows(result, slice)));
      if (slice.equals(result.slices().get(0))) {
        sb.append("\n").append(TableNotes.COLUMNS).append('\n');
      }
      TableNotes.of(result, slice).forEach(n -> sb.append("note: ").append(n).append('\n'));
    }
    return sb.toString();
  }

  /** A Markdown table per slice. */
  public static String markdown(Evaluation.Result result) {
    StringBuilder sb = new StringBuilder();
    for (String slice : result.slices()) {
      sb.append("\n### ").append(slice).append(" (").append(result.sliceSizes().get(slice)).append(" prompts)\n\n");
      sb.append(markdownTable(rows(result, slice)));
      List<String> notes = new ArrayList<>(TableNotes.of(result, slice));
      if (slice.equals(result.slices().get(0))) {
        notes.add(0, TableNotes.COLUMNS);
      }
      sb.append(notes.isEmpty() ? "" : "\n");
      notes.forEach(n -> sb.append("- ").append(n).append('\n'));
    }
    return sb.toString();
  }

  /** Rows (the header first) as aligned plain text: the first column left, the others right. */
  static String aligned(List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i);
        sb.append(i == 0 ? cell + " ".repeat(width[i] - cell.length()) : "  " + " ".repeat(width[i] - cell.length()) + cell);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Rows (the header first) as a Markdown table. */
  static String markdownTable(List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
      if (i == 0) {
        sb.append("|").append(" --- |".repeat(rows.get(0).size())).append('\n');
      }
    }
    return sb.toString();
  }
}
