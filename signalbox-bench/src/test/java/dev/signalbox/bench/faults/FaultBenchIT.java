package dev.signalbox.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A short run of the fault bench: one failing replica of three costs clients nothing. */
class FaultBenchIT {

  @Test
  void errorBurstAndReset_areInvisibleToClients_andTheReplicaComesBack() throws Exception {
    List<FaultBench.Scenario> scenarios = FaultBench.scenarios().stream()
        .filter(s -> List.of("baseline", "error-burst", "connection-reset", "full-outage").contains(s.name()))
        .toList();
    List<FaultBench.Result> results = new FaultBench(600, 8, done -> { }).run(scenarios, name -> { });

    FaultBench.Result burst = results.get(1);
    assertThat(burst.requests()).isEqualTo(600);
    assertThat(burst.clientErrors()).isZero();
    assertThat(burst.streamErrorsBeforeFirstByte()).isZero();
    assertThat(burst.ejectMs()).isLessThan(1_000);
    assertThat(burst.readmitMs()).isLessThan(2_000);
    assertThat(burst.retryAmplification()).isGreaterThan(1.0).isLessThan(1.1);
    assertThat(results.get(2).clientErrors()).isZero();

    FaultBench.Result outage = results.get(3);
    assertThat(outage.clientErrors()).isPositive();
    assertThat(outage.retryAmplification()).isLessThanOrEqualTo(1.1);

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> json = (Map<String, Map<String, Object>>) FaultBench.toJson(results, scenarios).get("scenarios");
    assertThat(json.get("error-burst")).containsKeys("requests", "client_errors", "stream_errors_before_first_byte",
        "added_p50_us", "added_p99_us", "eject_ms", "readmit_ms", "retry_amplification");
  }
}
