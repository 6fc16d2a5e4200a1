package dev.signalbox.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.sim.bench.SimulatedFaultRun.Result;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The gateway's attempt planner under the fault bench's scenarios, in simulated time. */
class SimulatedFaultRunTest {
  private static final List<Result> RESULTS = SimulatedFaultRun.all(10_000, 1.0, 11);
  private static final Map<String, Result> BY_NAME =
      RESULTS.stream().collect(Collectors.toMap(Result::scenario, Function.identity()));

  @Test
  void oneFailingReplicaInAnyMode_costsNoClientAnError_andIsEjectedAndReadmittedInTime() {
    for (String name : List.of("error-burst", "blackhole", "connection-reset", "flapping-health")) {
      Result r = BY_NAME.get(name);
      assertThat(r.clientErrors()).as(name).isZero();
      assertThat(r.ejectMs()).as(name + " eject").isLessThan(1_000);
      assertThat(r.readmitMs()).as(name + " re-admit").isLessThan(2_000);
      assertThat(r.amplification()).as(name).isLessThan(1.1);
    }
  }

  @Test
  void aTimeoutCostsTheFirstByteTimeout_andAnErrorCostsAlmostNothing() {
    assertThat(BY_NAME.get("blackhole").maxMs()).as("timed out, then answered elsewhere").isBetween(400.0, 450.0);
    assertThat(BY_NAME.get("error-burst").maxMs()).isLessThan(20);
    assertThat(BY_NAME.get("baseline").clientErrors()).isZero();
    assertThat(BY_NAME.get("baseline").amplification()).isEqualTo(1.0);
    assertThat(BY_NAME.get("baseline").ejectMs()).isNaN();
  }

  @Test
  void aFullOutage_failsFast_withoutMultiplyingTheLoad() {
    Result r = BY_NAME.get("full-outage");
    assertThat(r.clientErrors()).as("the fault covers 40% of the run").isPositive()
        .isLessThanOrEqualTo(r.requests() * 42 / 100);
    assertThat(r.amplification()).isLessThan(1.1);
  }

  @Test
  void aRunIsTheSameEveryTime() {
    assertThat(SimulatedFaultRun.all(10_000, 1.0, 11)).isEqualTo(RESULTS);
  }
}
