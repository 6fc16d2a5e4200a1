package dev.signalbox.eval.report;

import dev.signalbox.core.api.Json;
import dev.signalbox.eval.Evaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes an evaluation's files: results.json, report.md and the frontier plots. */
public final class Reports {
  private Reports() {}

  private static String plotLinks(Evaluation.Result result) {
    List<String> bases = FrontierPlot.baseNames(result);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bases.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append("[").append(result.slices().get(i)).append("](").append(bases.get(i))
          .append(".svg)");
    }
    return sb.toString();
  }

  /** Writes results.json, report.md and a frontier plot per slice (SVG and PNG). */
  public static void write(Path dir, Evaluation.Result result, String command) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.md"), "# Offline routing evaluation\n\n`" + command + "`\n\n"
          + result.protocol() + ". Models: " + String.join(", ", result.models()) + ".\n\n"
          + "Quality is in [0, 1], cost in USD per prompt. AIQ is the area under a policy's frontier (the upper convex"
          + " hull of its points, extended flat) from its cheapest point to c_max, divided by c_max (AIQ ÷c_max,"
          + " RouterBench's code) or by c_max − c_min (AIQ ÷range, its paper); c_max and c_min are the dearest and"
          + " cheapest points of any policy in the table. Plots (cost on a log scale, SVG and PNG): "
          + plotLinks(result) + "\n" + TextTables.markdown(result));
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("results.json").toFile(), ResultsJson.of(result));
      List<String> plots = FrontierPlot.baseNames(result);
      for (int i = 0; i < plots.size(); i++) {
        FrontierPlot.write(dir, result, result.slices().get(i), plots.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }
}
