package dev.signalbox.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark inside a private, loopback-only network namespace ({@code unshare -n}), so
 * nothing it starts can be reached from outside, whatever address it binds.
 */
final class NetworkNamespace {
  private NetworkNamespace() {}

  /** Why no private namespace can be made here, or "" when one can. */
  static String unavailable() throws InterruptedException {
    for (String tool : List.of("unshare", "ip")) {
      if (!BenchTools.has(tool)) {
        return tool + " not found";
      }
    }
    try {
      Path log = Files.createTempFile("signalbox-netns", ".log");
      int code = BenchTools.run(List.of("unshare", "-n", "sh", "-c", "ip link set lo up"), log);
      String output = Files.readString(log).trim();
      Files.deleteIfExists(log);
      return code == 0 ? "" : "unshare -n failed: " + (output.isEmpty() ? "exit " + code : output);
    } catch (IOException e) {
      return "unshare -n failed: " + e.getMessage();
    }
  }

  /**
   * Runs the command line ({@code cli}'s main) again with {@code args} inside a new namespace with
   * its loopback up, and returns its exit code; the child is stopped (by its pid) if this process is.
   */
  static int rerunInside(Path home, Class<?> cli, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("unshare", "-n", "--", "sh", "-c",
        "ip link set lo up && exec \"$@\"", "sh", TargetProcesses.javaBin(), "-Xms64m", "-Xmx512m",
        "-XX:+UseSerialGC", "-Dsignalbox.home=" + home, "-cp", TargetProcesses.jarOf(cli), cli.getName()));
    command.addAll(args);
    System.out.println("running inside a private network namespace (unshare -n, loopback only)");
    Process inner = new ProcessBuilder(command).inheritIO().start();
    Thread stopInner = new Thread(inner::destroy, "bench-netns-stop");
    Runtime.getRuntime().addShutdownHook(stopInner);
    try {
      return inner.waitFor();
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopInner);
    }
  }

  /** Pins every thread of this JVM to one CPU (null: leaves it alone). */
  static void pinSelf(Integer cpu) throws IOException, InterruptedException {
    if (cpu == null) {
      return;
    }
    Path log = Files.createTempFile("signalbox-taskset", ".log");
    BenchTools.run(List.of("taskset", "-a", "-pc", cpu.toString(), Long.toString(ProcessHandle.current().pid())), log);
    Files.deleteIfExists(log);
  }
}
