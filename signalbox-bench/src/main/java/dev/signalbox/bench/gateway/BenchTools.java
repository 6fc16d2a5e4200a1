package dev.signalbox.bench.gateway;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds the programs the benchmark runs, and installs the Debian ones that are missing. */
final class BenchTools {
  private BenchTools() {}

  /** Whether an executable of this name is on the PATH. */
  static boolean has(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Installs missing Debian packages with apt-get when running as root; returns a line saying what
   * is still missing (empty when nothing is).
   */
  static String aptInstall(List<String> packages, Path log) throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    for (String p : packages) {
      if (!has(p)) {
        missing.add(p);
      }
    }
    if (missing.isEmpty()) {
      return "";
    }
    if (!has("apt-get") || !"root".equals(System.getProperty("user.name"))) {
      return "missing " + missing + " (install them: apt-get install -y " + String.join(" ", missing) + ")";
    }
    System.out.println("installing " + String.join(", ", missing) + " with apt-get (log: " + log + ")");
    List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
    install.addAll(missing);
    if (run(install, log) != 0) {
      run(List.of("apt-get", "update", "-q"), log);
      run(install, log);
    }
    missing.removeIf(BenchTools::has);
    return missing.isEmpty() ? "" : "apt-get could not install " + missing + "; see " + log;
  }

  /** Runs a command to completion with its output appended to {@code log}; returns its exit code. */
  static int run(List<String> command, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  /** The first line a command prints (stdout and stderr), or "" when it cannot run. */
  static String firstLine(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      int nl = out.indexOf('\n');
      return nl < 0 ? out : out.substring(0, nl);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
