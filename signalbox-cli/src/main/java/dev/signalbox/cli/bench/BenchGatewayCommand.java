package dev.signalbox.cli.bench;

import dev.signalbox.bench.gateway.GatewayBenchRun;
import dev.signalbox.cli.Main;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code signalbox bench gateway}: Signalbox, with a rules route deciding every request, side by
 * side with nginx and the Portkey gateway in front of the same mock upstream ({@link GatewayBenchRun}).
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
    return new GatewayBenchRun(new GatewayBenchRun.Options(peers, out, seconds, rounds, warmup, cpus, peersDir, noNetns,
        insideNetns, Main.class)).run();
  }
}
