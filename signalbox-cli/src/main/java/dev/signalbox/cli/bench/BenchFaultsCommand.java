package dev.signalbox.cli.bench;

import dev.signalbox.bench.faults.FaultBenchRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signalbox bench faults}: the gateway under steady load while replicas fail in each mode ({@link FaultBenchRun}). */
@Command(name = "faults", mixinStandardHelpOptions = true,
    description = "Run the gateway against simulated replicas failing in each mode under steady load; "
        + "print client-visible errors, added latency, time to eject and re-admit, retry amplification.")
public final class BenchFaultsCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", description = "Write results.json here.")
  Path out;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "10000",
      description = "Client requests per scenario (one in ten streamed). Default: ${DEFAULT-VALUE}.")
  int requests;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "16",
      description = "Requests in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--scenario", paramLabel = "NAME",
      description = "Run only these scenarios (repeatable); the baseline always runs first.")
  List<String> only;

  @Override
  public Integer call() throws Exception {
    return new FaultBenchRun(new FaultBenchRun.Options(requests, concurrency, only, out)).run();
  }
}
