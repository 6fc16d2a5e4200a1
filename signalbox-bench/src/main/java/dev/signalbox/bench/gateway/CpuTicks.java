package dev.signalbox.bench.gateway;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of processes from {@code /proc/PID/stat}, in clock ticks (1/100 s on Linux): what a
 * target spends per request, and how much CPU processes the benchmark did not start took while
 * it measured (other work on a shared machine skews every figure).
 */
final class CpuTicks {
  /** Linux's USER_HZ, the unit of /proc/PID/stat times, on every architecture it runs on. */
  static final double TICKS_PER_SECOND = 100;

  private CpuTicks() {}

  /** User plus system time of these processes, in ticks (0 for those gone). */
  static long of(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      total += ticks(pid);
    }
    return total;
  }

  /**
   * CPU time of these processes' JIT compiler threads, in ticks (0 for a process without a JIT):
   * on a target pinned to one core the compiler competes with the requests for it, so a JVM is
   * warm only once these threads fall quiet.
   */
  static long compilerTicks(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path t : threads) {
          if (Files.readString(t.resolve("comm")).contains("CompilerThre")) {
            total += ticks(t.resolve("stat"));
          }
        }
      } catch (IOException | RuntimeException e) {
        // gone, or not Linux
      }
    }
    return total;
  }

  /** The CPU time of every process on the machine that is not this one or one it started. */
  static Map<Long, Long> othersSnapshot() {
    Set<Long> ours = new HashSet<>();
    ours.add(ProcessHandle.current().pid());
    ProcessHandle.current().descendants().forEach(h -> ours.add(h.pid()));
    Map<Long, Long> snapshot = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        long pid = Long.parseLong(p.getFileName().toString());
        if (!ours.contains(pid)) {
          snapshot.put(pid, ticks(pid));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: nothing to report
    }
    return snapshot;
  }

  /** Ticks the other processes used between two snapshots (new ones count from zero). */
  static long othersUsed(Map<Long, Long> before, Map<Long, Long> after) {
    long used = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      used += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
    }
    return used;
  }

  /** CPUs of the machine (not of this process's affinity mask, which pinning narrows). */
  static int machineCpus() {
    try {
      return (int) Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu[0-9]+ .*")).count();
    } catch (IOException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  private static long ticks(long pid) {
    return ticks(Path.of("/proc", Long.toString(pid), "stat"));
  }

  private static long ticks(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
