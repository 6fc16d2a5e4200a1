package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VersionTest {

  /** The commit of this checkout as git sees it, or null outside a git checkout or without git. */
  static String gitCommit() throws InterruptedException {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : null;
    } catch (IOException noGit) {
      return null;
    }
  }

  @Test
  void version_ofTheProgramAndOfEachCommandNamesTheVersionAndTheCommit() throws Exception {
    String commit = gitCommit();
    String expected = " (" + (commit == null ? "unknown commit" : "commit " + commit);
    for (String[] args : new String[][] {{"--version"}, {"serve", "--version"}, {"sim", "--version"},
        {"config", "--version"}, {"bench", "gateway", "--version"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.code()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).as(String.join(" ", args)).matches("(?s)signalbox \\d+\\.\\d+\\.\\d+\\S* \\(.*")
          .contains(expected).contains("\nJava ");
    }
  }

  @Test
  void buildInfo_withoutACommitSaysSo() {
    assertThat(BuildInfo.of("0.1.0", "${git.commit}", "${git.dirty}").describe())
        .isEqualTo("signalbox 0.1.0 (unknown commit)");
    assertThat(BuildInfo.of("0.1.0", "", "false").describe()).isEqualTo("signalbox 0.1.0 (unknown commit)");
    assertThat(BuildInfo.of("0.1.0", "a391c1e", "true").describe())
        .isEqualTo("signalbox 0.1.0 (commit a391c1e, with uncommitted changes)");
    assertThat(BuildInfo.of("0.1.0", "a391c1e", "false").describe()).isEqualTo("signalbox 0.1.0 (commit a391c1e)");
  }
}
