package dev.signalbox.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What the jar was built from: the project version and the git commit, written into {@code
 * build.properties} at build time (see the CLI's pom). A build outside a git checkout has no commit.
 *
 * @param version the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the abbreviated commit, or null when it was not known
 * @param dirty whether tracked files differed from that commit
 */
record BuildInfo(String version, String commit, boolean dirty) {
  private static final String RESOURCE = "build.properties";

  /** The build of the running code. */
  static BuildInfo current() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(p.getProperty("version"), p.getProperty("commit"), p.getProperty("dirty"));
  }

  /** From the values as written; one left empty or unfilled ({@code ${...}}) is unknown. */
  static BuildInfo of(String version, String commit, String dirty) {
    return new BuildInfo(known(version) ? version : "development build", known(commit) ? commit : null,
        known(commit) && "true".equals(dirty));
  }

  private static boolean known(String value) {
    return value != null && !value.isBlank() && !value.contains("${");
  }

  /** E.g. {@code signalbox 0.1.0 (commit a391c1e, with uncommitted changes)}. */
  String describe() {
    String from = commit == null ? "unknown commit" : "commit " + commit + (dirty ? ", with uncommitted changes" : "");
    return "signalbox " + version + " (" + from + ")";
  }

  /** The {@code --version} of every command. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {current().describe(),
          "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
              + System.getProperty("os.arch")};
    }
  }
}
