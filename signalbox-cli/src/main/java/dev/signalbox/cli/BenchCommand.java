package dev.signalbox.cli;

import dev.signalbox.cli.bench.BenchFaultsCommand;
import dev.signalbox.cli.bench.BenchGatewayCommand;
import dev.signalbox.cli.bench.BenchPoolCommand;
import dev.signalbox.cli.bench.MockUpstreamCommand;
import picocli.CommandLine.Command;

/** Groups the benchmarks that run from the CLI; each prints its comparison and writes results.json. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark. JMH micro-benchmarks live in signalbox-bench (see docs/BENCHMARKS.md).",
    subcommands = {
      BenchGatewayCommand.class, BenchFaultsCommand.class, BenchPoolCommand.class, MockUpstreamCommand.class
    })
final class BenchCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
