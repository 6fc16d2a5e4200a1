package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench commands are thin: their names and options stay, the benches are signalbox-bench's. */
class BenchCommandsTest {

  @Test
  void everyBenchCommand_keepsItsNameAndOptions() {
    assertThat(CliRun.of("bench", "gateway", "--help").out()).contains("--peers", "--out", "--duration", "--rounds",
        "--warmup", "--cpus", "--peers-dir", "--no-netns");
    assertThat(CliRun.of("bench", "faults", "--help").out()).contains("--out", "--requests", "--concurrency",
        "--scenario");
    assertThat(CliRun.of("bench", "pool", "--help").out()).contains("--replicas", "--workload", "--slo-ttft-ms",
        "--strategies", "--requests", "--threads");
    assertThat(CliRun.of("bench", "mock-upstream", "--help").out()).contains("--host", "--port", "--pace-ms");
  }

  @Test
  void benchGateway_outsideTheRepository_saysWhereItRuns() {
    String home = System.getProperty("signalbox.home");
    System.setProperty("signalbox.home", System.getProperty("java.io.tmpdir"));
    try {
      CliRun run = CliRun.of("bench", "gateway", "--no-netns");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("bench gateway runs from the repository");
    } finally {
      if (home == null) {
        System.clearProperty("signalbox.home");
      } else {
        System.setProperty("signalbox.home", home);
      }
    }
  }
}
