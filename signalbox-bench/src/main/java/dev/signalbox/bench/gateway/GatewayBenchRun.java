package dev.signalbox.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code signalbox bench gateway} behind its options: installs what is missing, moves into a
 * private network namespace where it can (by running the command line again there), pins the
 * processes, runs the {@link GatewayBench} and prints its table. Prints to stdout and stderr as the
 * command does, and returns the command's exit code.
 */
public final class GatewayBenchRun {

  /**
   * What to run.
   *
   * @param peers the peers beside direct-to-mock and Signalbox: nginx, portkey
   * @param out where results go (null: bench-results/gateway/TIME under the repository)
   * @param seconds seconds of each wrk run
   * @param rounds interleaved rounds
   * @param warmup least seconds of load each target gets before measuring
   * @param cpus CPU of wrk and the mock, and CPU of every target: {@code LOAD,TARGET}
   * @param peersDir scratch folder for npm-installed peers (null: the user's cache)
   * @param noNetns run on the host's loopback
   * @param insideNetns this is the run inside the namespace that an outer one made
   * @param cli the command line's main class: it runs {@code bench gateway} again inside the
   *     namespace and {@code bench mock-upstream} for the mock
   */
  public record Options(List<String> peers, Path out, int seconds, int rounds, int warmup, String cpus, Path peersDir,
      boolean noNetns, boolean insideNetns, Class<?> cli) {
    public Options {
      peers = List.copyOf(peers);
    }
  }

  private final Options options;

  public GatewayBenchRun(Options options) {
    this.options = options;
  }

  /** Runs it; returns the exit code (2: it cannot run here). */
  public int run() throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("signalbox.home", ".")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(home.resolve("bench/gateway/signalbox.yaml"))) {
      System.err.println("signalbox: bench gateway runs from the repository (bench/gateway/ not found under " + home
          + "); use ./signalbox bench gateway");
      return 2;
    }
    Path outDir = (options.out() != null ? options.out() : home.resolve("bench-results/gateway")
        .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
    Files.createDirectories(outDir.resolve("work"));
    Path peerDir = (options.peersDir() != null ? options.peersDir() : defaultPeersDir()).toAbsolutePath();
    List<String> notes = new ArrayList<>();
    Integer[] cpu = pinning(notes);
    List<String> peers = options.peers();
    BenchPreparation prep = new BenchPreparation(home, outDir, peerDir);
    if (!options.insideNetns()) {
      String missing = prep.installTools(peers);
      if (!missing.isEmpty()) {
        System.err.println("signalbox: " + missing);
        return 2;
      }
      Path portkey = peers.contains(Target.PORTKEY) ? prep.installPortkey(notes) : null;
      if (!options.noNetns()) {
        String why = NetworkNamespace.unavailable();
        if (why.isEmpty()) {
          return NetworkNamespace.rerunInside(home, options.cli(), reexecArgs(outDir, peerDir));
        }
        notes.add("no private network namespace (" + why + "): running on the host's loopback");
      } else {
        notes.add("--no-netns: running on the host's loopback");
      }
      if (portkey != null) {
        notes.add("portkey left out: it listens on every interface, so it runs only inside a private namespace");
      }
      return run(new BenchSetup(home, outDir, peerDir, cpu[0], cpu[1], false, options.cli()), null, notes, prep);
    }
    Path portkey = peers.contains(Target.PORTKEY) ? prep.portkeyIfInstalled() : null;
    if (peers.contains(Target.PORTKEY) && portkey == null) {
      notes.add("portkey left out: no complete install under " + peerDir + " (see work/npm.log)");
    }
    return run(new BenchSetup(home, outDir, peerDir, cpu[0], cpu[1], true, options.cli()), portkey, notes, prep);
  }

  private int run(BenchSetup setup, Path portkey, List<String> notes, BenchPreparation prep)
      throws IOException, InterruptedException {
    NetworkNamespace.pinSelf(setup.loadCpu());
    Map<String, Object> meta = new LinkedHashMap<>(prep.machine());
    meta.put("network_namespace", setup.netns());
    meta.put("load_cpu", setup.loadCpu());
    meta.put("target_cpu", setup.targetCpu());
    GatewayBench bench = new GatewayBench(setup, options.peers(), portkey, options.seconds(), options.rounds(),
        options.warmup(), meta, notes);
    BenchReport report = bench.run();
    System.out.println();
    System.out.print(report.table());
    List<String> busy = report.busyCells();
    System.out.println(busy.isEmpty()
        ? "Every figure is a median over quiet runs (other processes under 10% of the CPU)."
        : "Medians over quiet runs (other processes under 10% of the CPU) where a round had one; from busy runs only: "
            + String.join(", ", busy) + ".");
    System.out.println();
    report.targets().forEach(System.out::println);
    System.out.println();
    notes.forEach(n -> System.out.println("note: " + n));
    System.out.println("results: " + setup.out().resolve("results.json") + " (and run.json, table.md, work/)");
    return 0;
  }

  private Integer[] pinning(List<String> notes) {
    if (!BenchTools.has("taskset")) {
      notes.add("taskset not found: nothing is pinned");
      return new Integer[] {null, null};
    }
    String[] parts = options.cpus().split(",");
    int load = Integer.parseInt(parts[0].trim());
    int target = Integer.parseInt(parts[parts.length - 1].trim());
    if (CpuTicks.machineCpus() < 2 || load == target) {
      notes.add("one CPU only: targets share it with wrk and the mock");
    }
    return new Integer[] {load, target};
  }

  private List<String> reexecArgs(Path outDir, Path peerDir) {
    return new ArrayList<>(List.of("bench", "gateway", "--inside-netns",
        "--peers", String.join(",", options.peers()), "--out", outDir.toString(),
        "--duration", Integer.toString(options.seconds()), "--rounds", Integer.toString(options.rounds()),
        "--warmup", Integer.toString(options.warmup()), "--cpus", options.cpus(), "--peers-dir", peerDir.toString()));
  }

  private static Path defaultPeersDir() {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("signalbox").resolve("bench-peers");
  }
}
