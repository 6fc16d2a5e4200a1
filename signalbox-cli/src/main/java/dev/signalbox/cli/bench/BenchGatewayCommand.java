package dev.signalbox.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code signalbox bench gateway}: Signalbox, with a rules route deciding every request, side by
 * side with nginx and the Portkey gateway in front of the same mock upstream.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = {
        "Measure the gateway's overhead side by side with a raw nginx proxy and the Portkey gateway, all "
            + "in front of the same mock upstream: requests/s and latency at 1 and 64 connections, "
            + "time to the first streamed chunk, peak RSS. Each target is pinned to one core, wrk and "
            + "the mock to another, inside a loopback-only network namespace (unshare -n) where possible.",
        "Installs missing tools: nginx and wrk with apt-get, the pinned Portkey with npm (into --peers-dir)."})
public final class BenchGatewayCommand implements Callable<Integer> {

  @Option(names = "--peers", split = ",", defaultValue = "nginx,portkey",
      description = "Peers beside direct-to-mock and Signalbox: nginx, portkey. Default: ${DEFAULT-VALUE}.")
  List<String> peers;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where results.json, run.json, table.md and logs go. Default: bench-results/gateway/<time>.")
  Path out;

  @Option(names = "--duration", paramLabel = "S", defaultValue = "5",
      description = "Seconds of each wrk run. Default: ${DEFAULT-VALUE}.")
  int seconds;

  @Option(names = "--rounds", defaultValue = "3",
      description = "Interleaved rounds; the table shows the median round. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--warmup", paramLabel = "S", defaultValue = "10",
      description = "Least seconds of load each target gets before measuring; it goes on until the target is "
          + "warm (throughput flat, JIT compiler quiet). Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--cpus", paramLabel = "LOAD,TARGET", defaultValue = "0,1",
      description = "CPU of wrk and the mock, and CPU of every target. Default: ${DEFAULT-VALUE}.")
  String cpus;

  @Option(names = "--peers-dir", paramLabel = "DIR",
      description = "Scratch folder for npm-installed peers. Default: $XDG_CACHE_HOME/signalbox/bench-peers.")
  Path peersDir;

  @Option(names = "--no-netns", description = "Run on the host's loopback instead of a private network namespace.")
  boolean noNetns;

  @Option(names = "--inside-netns", hidden = true)
  boolean insideNetns;

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("signalbox.home", ".")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(home.resolve("bench/gateway/signalbox.yaml"))) {
      System.err.println("signalbox: bench gateway runs from the repository (bench/gateway/ not found under " + home
          + "); use ./signalbox bench gateway");
      return 2;
    }
    Path outDir = (out != null ? out : home.resolve("bench-results/gateway")
        .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
    Files.createDirectories(outDir.resolve("work"));
    Path peerDir = (peersDir != null ? peersDir : defaultPeersDir()).toAbsolutePath();
    List<String> notes = new ArrayList<>();
    Integer[] cpu = pinning(notes);
    BenchPreparation prep = new BenchPreparation(home, outDir, peerDir);
    if (!insideNetns) {
      String missing = prep.installTools(peers);
      if (!missing.isEmpty()) {
        System.err.println("signalbox: " + missing);
        return 2;
      }
      Path portkey = peers.contains(Target.PORTKEY) ? prep.installPortkey(notes) : null;
      if (!noNetns) {
        String why = NetworkNamespace.unavailable();
        if (why.isEmpty()) {
          return NetworkNamespace.rerunInside(home, reexecArgs(outDir, peerDir));
        }
        notes.add("no private network namespace (" + why + "): running on the host's loopback");
      } else {
        notes.add("--no-netns: running on the host's loopback");
      }
      if (portkey != null) {
        notes.add("portkey left out: it listens on every interface, so it runs only inside a private namespace");
      }
      return run(new BenchSetup(home, outDir, peerDir, cpu[0], cpu[1], false), null, notes, prep);
    }
    Path portkey = peers.contains(Target.PORTKEY) ? prep.portkeyIfInstalled() : null;
    if (peers.contains(Target.PORTKEY) && portkey == null) {
      notes.add("portkey left out: no complete install under " + peerDir + " (see work/npm.log)");
    }
    return run(new BenchSetup(home, outDir, peerDir, cpu[0], cpu[1], true), portkey, notes, prep);
  }

  private int run(BenchSetup setup, Path portkey, List<String> notes, BenchPreparation prep) throws Exception {
    NetworkNamespace.pinSelf(setup.loadCpu());
    Map<String, Object> meta = new LinkedHashMap<>(prep.machine());
    meta.put("network_namespace", setup.netns());
    meta.put("load_cpu", setup.loadCpu());
    meta.put("target_cpu", setup.targetCpu());
    GatewayBench bench = new GatewayBench(setup, peers, portkey, seconds, rounds, warmup, meta, notes);
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
    String[] parts = cpus.split(",");
    int load = Integer.parseInt(parts[0].trim());
    int target = Integer.parseInt(parts[parts.length - 1].trim());
    if (CpuTicks.machineCpus() < 2 || load == target) {
      notes.add("one CPU only: targets share it with wrk and the mock");
    }
    return new Integer[] {load, target};
  }

  private List<String> reexecArgs(Path outDir, Path peerDir) {
    return new ArrayList<>(List.of("bench", "gateway", "--inside-netns",
        "--peers", String.join(",", peers), "--out", outDir.toString(), "--duration", Integer.toString(seconds),
        "--rounds", Integer.toString(rounds), "--warmup", Integer.toString(warmup), "--cpus", cpus,
        "--peers-dir", peerDir.toString()));
  }

  private static Path defaultPeersDir() {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("signalbox").resolve("bench-peers");
  }
}
