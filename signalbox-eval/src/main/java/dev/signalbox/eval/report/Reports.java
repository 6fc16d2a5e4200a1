package dev.signalbox.eval.report;

import dev.signalbox.core.api.Json;
import dev.signalbox.eval.Evaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an evaluation's files: results.json, report.md and the frontier plots. */
public final class Reports {
  private Reports() {}

  private static String plotLinks(Evaluation.Result result) {
    StringBuilder sb = new StringBuilder();
    for (String slice : result.slices()) {
      String base = "frontier-" + Plots.slug(slice);
      sb.append(sb.length() == 0 ? "" : ", ").append("[").append(slice).append("](").append(base).append(".svg)");
    }
    return sb.toString();
  }

  /** Writes results.json, report.md and a frontier plot per slice (SVG and PNG). */
  public static void write(Path dir, Evaluation.Result result, String command) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.md"), "# Offline routing evaluation\n\n`" + command + "`\n\n"
          + result.protocol() + ". Models: " + String.join(", ", result.models()) + ".\n\n"
          + "Quality is in [0, 1], cost in USD per prompt. AIQ ÷c_max is RouterBench's code, ÷range its paper;"
          + " both share c_max (and c_min) across every policy of a table. \"cost to match best single\" is the cheapest"
          + " operating point whose quality reaches the best single model's on that slice."
          + " Plots: " + plotLinks(result) + "\n" + TextTables.markdown(result));
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("results.json").toFile(), ResultsJson.of(result));
      for (String slice : result.slices()) {
        FrontierPlot.write(dir, result, slice);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }
}
