package dev.signalbox.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.cli.Main;
import dev.signalbox.core.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPoolCommandTest {

  @Test
  void benchPool_writesResultsAndPlots(@TempDir Path dir) throws Exception {
    int code = Main.run("bench", "pool", "--replicas", "2", "--workload", "no-sharing", "--requests", "200",
        "--strategies", "round-robin,least-outstanding", "--slo-ttft-ms", "1500", "--out", dir.toString());
    assertThat(code).isZero();
    JsonNode json = Json.MAPPER.readTree(Files.readString(dir.resolve("results.json")));
    assertThat(json.path("workloads").path("no-sharing").path("least-outstanding").path("capacity_rps").asDouble())
        .isPositive();
    assertThat(json.path("scaling").path("round-robin").has("remapped_fraction")).isTrue();
    assertThat(dir.resolve("ttft-no-sharing.svg")).exists();
    assertThat(dir.resolve("ttft-no-sharing.png")).exists();
  }

  @Test
  void benchPool_unknownStrategy_isAUsageError(@TempDir Path dir) {
    assertThat(Main.run("bench", "pool", "--strategies", "fastest", "--out", dir.toString())).isEqualTo(2);
  }
}
