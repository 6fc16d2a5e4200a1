package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Running the documented commands from the repository's root leaves nothing for git to track. */
class DocumentedOutputsTest {
  private static final Path ROOT = Path.of("..");
  /** What a command writes ({@code --out}, {@code --write-config}) or a documented config points at. */
  private static final Pattern OUTPUT =
      Pattern.compile("(?:--out|--write-config|artifact:|path:) ([A-Za-z0-9_.-][A-Za-z0-9_./-]*)");
  private static final Pattern CODE_BLOCK = Pattern.compile("(?ms)^```\\w*\n(.*?)^```");

  @Test
  void everyRelativeOutputOfTheReadmeAndTheBenchmarksIsIgnored() throws Exception {
    List<String> outputs = new ArrayList<>();
    for (String doc : List.of("README.md", "docs/BENCHMARKS.md")) {
      Matcher block = CODE_BLOCK.matcher(Files.readString(ROOT.resolve(doc)));
      while (block.find()) {
        outputs.addAll(outputs(block.group(1)));
      }
    }
    assertThat(outputs).contains("eval-out/results.json", "router.json", "online-out/results.json",
        "sim-gateway.yaml", "signalbox-state/results.json");
    for (String output : outputs) {
      assertThat(ignored(output)).as(output + " is ignored by git").isTrue();
    }
  }

  /** The relative paths a piece of code writes, folders as a file in them. */
  private static List<String> outputs(String code) {
    List<String> outputs = new ArrayList<>();
    Matcher m = OUTPUT.matcher(code);
    while (m.find()) {
      String written = m.group(1);
      if (!written.equals(written.toUpperCase(Locale.ROOT))) { // DIR, FILE: placeholders
        outputs.add(written.contains(".") ? written : written + "/results.json");
      }
    }
    return outputs;
  }

  private static boolean ignored(String path) throws InterruptedException {
    try {
      Process git = new ProcessBuilder("git", "check-ignore", "--no-index", "-q", path)
          .directory(ROOT.toFile()).redirectErrorStream(true).start();
      assertThat(git.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assumeTrue(git.exitValue() <= 1, "not in a git checkout");
      return git.exitValue() == 0;
    } catch (IOException noGit) {
      assumeTrue(false, "git is not installed");
      return false;
    }
  }
}
