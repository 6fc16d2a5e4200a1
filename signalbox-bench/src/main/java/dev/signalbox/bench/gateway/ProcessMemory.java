package dev.signalbox.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory of processes, read from {@code /proc/PID/status} (Linux). */
final class ProcessMemory {
  private ProcessMemory() {}

  /** The current resident set of these processes together, in KiB (0 where unreadable). */
  static long rssKb(List<Long> pids) {
    return sum(pids, "VmRSS:");
  }

  /** The peak resident set of each of these processes, summed, in KiB. */
  static long peakKb(List<Long> pids) {
    return sum(pids, "VmHWM:");
  }

  private static long sum(List<Long> pids, String field) {
    long total = 0;
    for (long pid : pids) {
      total += field(pid, field);
    }
    return total;
  }

  private static long field(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone, or not Linux
    }
    return 0;
  }
}
