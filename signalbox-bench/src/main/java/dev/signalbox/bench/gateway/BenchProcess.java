package dev.signalbox.bench.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started, optionally pinned to one CPU; stopped by its own pid (SIGTERM,
 * then SIGKILL after a grace period), never by name.
 */
final class BenchProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private BenchProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with output to {@code log}; {@code cpu} null: not pinned. */
  static BenchProcess start(String name, Integer cpu, Path log, Map<String, String> env, List<String> command)
      throws IOException {
    List<String> full = new ArrayList<>();
    if (cpu != null) {
      full.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new BenchProcess(name, pb.start(), log);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for it to exit by itself; returns its exit code, or empty on timeout. */
  Optional<Integer> waitFor(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
  }

  /** Its pid and those of the processes it started (nginx's workers), while they run. */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    pids.add(process.pid());
    process.descendants().forEach(h -> pids.add(h.pid()));
    return pids;
  }

  /** SIGTERM to its pid; after a grace period SIGKILL to it and to any child it left behind. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }
}
