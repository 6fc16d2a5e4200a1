package dev.signalbox.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small sweep: 4 replicas, few requests per run; the full one is {@code signalbox bench pool}. */
class PoolBenchTest {
  static final PoolBench.Setup SETUP = PoolBench.Setup.defaults().withReplicas(4).withRequests(400);
  static PoolBench bench;
  static PoolBench.WorkloadResult shared;

  @BeforeAll
  static void sweep() {
    bench = new PoolBench(SETUP, 2);
    shared = bench.sweep(Workloads.named("shared-system-prompts"), List.of("round-robin", "slo-affinity", PoolBench.IDEAL_CACHE));
  }

  @AfterAll
  static void close() {
    bench.close();
  }

  @Test
  void sweep_findsEachStrategysCapacity_andAffinityServesMore() {
    PoolBench.Curve rr = shared.curve("round-robin");
    PoolBench.Curve affine = shared.curve("slo-affinity");
    assertThat(rr.capacity()).isPositive();
    assertThat(affine.capacity()).isGreaterThan(rr.capacity() * 1.3);
    assertThat(affine.atCapacity().hitRate()).isGreaterThan(rr.atCapacity().hitRate());
    for (PoolBench.Curve c : shared.curves()) {
      assertThat(c.atCapacity().meets(SETUP.sloMs())).isTrue();
      // the loads just above capacity miss the SLO
      assertThat(c.points()).anySatisfy(p -> {
        assertThat(p.ratePerSecond()).isGreaterThan(c.atCapacity().ratePerSecond());
        assertThat(p.meets(SETUP.sloMs())).isFalse();
      });
    }
  }

  @Test
  void run_isReproducible() {
    WorkloadTrace trace = Workloads.named("agent-loop").generate(20, 300, 5);
    PoolRunResult a = new PoolRun(SETUP, "prefix-tree", trace, 20).run();
    PoolRunResult b = new PoolRun(SETUP, "prefix-tree", trace, 20).run();
    assertThat(a).isEqualTo(b);
    assertThat(a.measured()).isGreaterThan(100);
  }

  @Test
  void idealCache_hitsAtLeastWhatAnyPlacementHits_andServesAtLeastAsMuch() {
    WorkloadTrace trace = Workloads.named("agent-loop").generate(20, 300, 5);
    PoolRunResult ideal = new PoolRun(SETUP, PoolBench.IDEAL_CACHE, trace, 20).run();
    PoolRunResult leastOutstanding = new PoolRun(SETUP, "least-outstanding", trace, 20).run();
    for (String s : List.of("round-robin", "least-outstanding", "prefix-tree", "slo-affinity")) {
      PoolRunResult r = new PoolRun(SETUP, s, trace, 20).run();
      assertThat(ideal.hitRate()).as(s).isGreaterThanOrEqualTo(r.hitRate());
    }
    // the same placement rule as least-outstanding, with the prefill that placement could save removed
    assertThat(ideal.hitRate()).isGreaterThan(leastOutstanding.hitRate() + 0.1);
    assertThat(ideal.p90TtftMs()).isLessThan(leastOutstanding.p90TtftMs());
  }

  @Test
  void scaling_hashingStrategiesRemapFewPrefixes_roundRobinMost() {
    PoolBench eight = new PoolBench(PoolBench.Setup.defaults(), 2);
    try {
      List<PoolBench.Remapping> r = eight.scaling(List.of("round-robin", "chwbl", "dualmap", "slo-affinity"));
      assertThat(r.get(0).fraction()).isGreaterThan(0.5);
      for (PoolBench.Remapping m : r.subList(1, r.size())) {
        assertThat(m.fraction()).as(m.strategy()).isLessThanOrEqualTo(2.0 / 8);
        assertThat(m.added()).as(m.strategy()).isGreaterThan(0.05); // the new replica takes its share
      }
    } finally {
      eight.close();
    }
  }

  @Test
  void report_writesResultsJsonInTheIssuesShape_andPlots(@TempDir Path dir) throws Exception {
    PoolReport report = new PoolReport(SETUP, List.of(shared),
        List.of(new PoolBench.Remapping("slo-affinity", 0.1, 0.12)));
    List<Path> files = report.write(dir);
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("results.json",
        "ttft-shared-system-prompts.svg", "ttft-shared-system-prompts.png");
    JsonNode json = Json.MAPPER.readTree(Files.readString(dir.resolve("results.json")));
    JsonNode rr = json.path("workloads").path("shared-system-prompts").path("round-robin");
    assertThat(rr.path("capacity_rps").isNumber()).isTrue();
    assertThat(rr.path("hit_rate").isNumber()).isTrue();
    assertThat(rr.path("p50_ttft_ms").isNumber()).isTrue();
    assertThat(rr.path("p99_ttft_ms").isNumber()).isTrue();
    assertThat(rr.size()).isEqualTo(4);
    assertThat(json.path("scaling").path("slo-affinity").path("remapped_fraction").asDouble()).isEqualTo(0.12);
    assertThat(Files.readString(dir.resolve("ttft-shared-system-prompts.svg"))).startsWith("<svg").contains("slo-affinity");
    assertThat(Files.readAllBytes(dir.resolve("ttft-shared-system-prompts.png"))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(json.path("workloads").path("shared-system-prompts").path("ideal-cache").path("bound").asBoolean()).isTrue();
    assertThat(rr.has("bound")).isFalse();
    // the bound is reported beside the targets, never as the best strategy
    assertThat(report.text()).contains("round-robin", "slo-affinity", "Targets", "bound: ideal-cache")
        .doesNotContain("best ideal-cache");
  }
}
