package dev.signalbox.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gets the machine ready for a gateway benchmark: Debian tools, the pinned Portkey install, and the
 * facts about the machine that go with the results.
 */
final class BenchPreparation {
  private final Path home;
  private final Path out;
  private final Path peersDir;

  BenchPreparation(Path home, Path out, Path peersDir) {
    this.home = home;
    this.out = out;
    this.peersDir = peersDir;
  }

  /** Installs wrk (and nginx, if it is a peer) when missing; returns what is still missing, or "". */
  String installTools(List<String> peers) throws IOException, InterruptedException {
    List<String> needed = new ArrayList<>(List.of("wrk"));
    if (peers.contains(Target.NGINX)) {
      needed.add("nginx");
    }
    return BenchTools.aptInstall(needed, out.resolve("work").resolve("apt.log"));
  }

  /**
   * Installs the Portkey gateway with npm from the committed package.json and package-lock.json,
   * unless that exact install is already there; returns its folder, or null (with a note) when it
   * cannot be installed.
   */
  Path installPortkey(List<String> notes) throws IOException, InterruptedException {
    if (!BenchTools.has("node") || !BenchTools.has("npm")) {
      notes.add("portkey left out: node and npm are needed (install Node.js 20 and npm)");
      return null;
    }
    Path dir = Files.createDirectories(peersDir.resolve("portkey"));
    Path source = home.resolve("bench/gateway/portkey");
    byte[] lock = Files.readAllBytes(source.resolve("package-lock.json"));
    Path installedLock = dir.resolve("installed-package-lock.json");
    if (Files.isRegularFile(dir.resolve(TargetProcesses.PORTKEY_MAIN)) && Files.isRegularFile(installedLock)
        && Arrays.equals(lock, Files.readAllBytes(installedLock))) {
      return dir;
    }
    Files.copy(source.resolve("package.json"), dir.resolve("package.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.write(dir.resolve("package-lock.json"), lock);
    Path log = out.resolve("work").resolve("npm.log");
    System.out.println("installing the pinned Portkey gateway with npm into " + dir + " (log: " + log + ")");
    int code = BenchTools.run(List.of("sh", "-c", "cd \"$0\" && npm ci --ignore-scripts --no-audit --no-fund",
        dir.toString()), log);
    if (code != 0 || !Files.isRegularFile(dir.resolve(TargetProcesses.PORTKEY_MAIN))) {
      notes.add("portkey left out: npm ci failed; see " + log);
      return null;
    }
    Files.write(installedLock, lock);
    return dir;
  }

  /** Portkey's install folder if a complete one is there (inside the namespace npm cannot fetch). */
  Path portkeyIfInstalled() {
    Path dir = peersDir.resolve("portkey");
    return Files.isRegularFile(dir.resolve(TargetProcesses.PORTKEY_MAIN)) ? dir : null;
  }

  /** The machine and the versions of everything measured, for run.json. */
  Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", OffsetDateTime.now().withNano(0).toString());
    m.put("cpu", cpuModel());
    m.put("cpus", CpuTicks.machineCpus());
    m.put("memory", memTotal());
    m.put("kernel", read("/proc/sys/kernel/osrelease"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("nginx", BenchTools.firstLine(List.of("nginx", "-v")));
    m.put("wrk", BenchTools.firstLine(List.of("wrk", "--version")));
    m.put("node", BenchTools.firstLine(List.of("node", "--version")));
    m.put("portkey", "@portkey-ai/gateway 1.15.2 (bench/gateway/portkey/package-lock.json)");
    return m;
  }

  private static String cpuModel() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static String memTotal() {
    for (String line : read("/proc/meminfo").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
      }
    }
    return "";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
