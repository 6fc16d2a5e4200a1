package dev.signalbox.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

  @Test
  void counter_isExposedWithHelpTypeAndLabels() {
    MetricsRegistry registry = new MetricsRegistry();
    registry.counter("signalbox_reroutes_total", "Requests sent to another model.").add(3);
    MetricFamily<Counter> transitions =
        registry.counters("signalbox_breaker_transitions_total", "Breaker state changes.", "endpoint", "to");
    transitions.labels("small/0", "open").inc();
    transitions.labels("small/0", "open").inc();
    transitions.labels("a\"b\\c", "closed").inc();

    assertThat(registry.scrape()).isEqualTo("""
        # HELP signalbox_reroutes_total Requests sent to another model.
        # TYPE signalbox_reroutes_total counter
        signalbox_reroutes_total 3
        # HELP signalbox_breaker_transitions_total Breaker state changes.
        # TYPE signalbox_breaker_transitions_total counter
        signalbox_breaker_transitions_total{endpoint="a\\"b\\\\c",to="closed"} 1
        signalbox_breaker_transitions_total{endpoint="small/0",to="open"} 2
        """);
  }

  @Test
  void histogram_bucketsAreCumulativeAndScaled() {
    MetricsRegistry registry = new MetricsRegistry();
    Histogram h = registry.histogram("t_seconds", "Times.", 1e9, 10e-6, 100e-6);
    h.record(5_000);      // 5 µs
    h.record(10_000);     // exactly on the first bound: belongs to it
    h.record(50_000);
    h.record(2_000_000);  // 2 ms: +Inf only

    assertThat(registry.scrape()).contains("""
        t_seconds_bucket{le="1.0E-5"} 2
        t_seconds_bucket{le="1.0E-4"} 3
        t_seconds_bucket{le="+Inf"} 4
        t_seconds_sum 0.002065
        t_seconds_count 4
        """);
    assertThat(h.count()).isEqualTo(4);
  }

  @Test
  void gauge_isReadAtScrapeTime() {
    MetricsRegistry registry = new MetricsRegistry();
    int[] value = {1};
    registry.gauge("in_flight", "In flight.", List.of("endpoint"), List.of("e0"), () -> value[0]);
    value[0] = 7;
    assertThat(registry.scrape()).contains("in_flight{endpoint=\"e0\"} 7\n");
  }

  @Test
  void sameNameAndShape_returnsTheSameMetric_otherwiseRefuses() {
    MetricsRegistry registry = new MetricsRegistry();
    Counter a = registry.counter("x_total", "X.");
    Counter b = registry.counter("x_total", "X.");
    assertThat(a).isSameAs(b);
    assertThatThrownBy(() -> registry.counters("x_total", "X.", "model"))
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> registry.histogram("x_total", "X.", 1, 1, 2))
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> registry.counter("bad-name", "X.")).hasMessageContaining("not a Prometheus");
    assertThatThrownBy(() -> registry.histogram("h", "H.", 1, 2, 1)).hasMessageContaining("ascend");
    assertThatThrownBy(() -> registry.counters("y_total", "Y.", "a").labels("1", "2"))
        .hasMessageContaining("has labels");
  }
}
