package dev.signalbox.bench;

import dev.signalbox.gateway.metrics.Counter;
import dev.signalbox.gateway.metrics.Histogram;
import dev.signalbox.gateway.metrics.MetricsRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording on the hot path: the gateway's own histogram and counter against Micrometer's
 * Prometheus timer and counter with the same buckets, from two threads (two event loops). Run
 * with {@code -prof gc} to see the allocation per operation.
 *
 * <p>Run: {@code java -jar signalbox-bench/target/benchmarks.jar Metrics -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class MetricsBenchmark {
  private static final double[] BUCKETS = {
    5e-6, 10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3
  };
  /** Observations spread over the buckets, in nanoseconds. */
  private static final long[] VALUES = {3_000, 12_000, 30_000, 45_000, 80_000, 200_000, 700_000, 4_000_000};

  private Histogram histogram;
  private Counter counter;
  private Timer timer;
  private io.micrometer.core.instrument.Counter micrometerCounter;

  /** Each thread's own walk over {@link #VALUES}. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    long value() {
      return VALUES[(next++) & (VALUES.length - 1)];
    }
  }

  @Setup
  public void setup() {
    MetricsRegistry registry = new MetricsRegistry();
    histogram = registry.histogram("overhead_seconds", "Overhead.", 1e9, BUCKETS);
    counter = registry.counter("requests_total", "Requests.");
    PrometheusMeterRegistry micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Duration[] slos = new Duration[BUCKETS.length];
    for (int i = 0; i < BUCKETS.length; i++) {
      slos[i] = Duration.ofNanos(Math.round(BUCKETS[i] * 1e9));
    }
    timer = Timer.builder("overhead").serviceLevelObjectives(slos).register(micrometer);
    micrometerCounter = micrometer.counter("requests");
  }

  @Benchmark
  public void signalboxHistogram(Cursor cursor) {
    histogram.record(cursor.value());
  }

  @Benchmark
  public void micrometerTimer(Cursor cursor) {
    timer.record(cursor.value(), TimeUnit.NANOSECONDS);
  }

  @Benchmark
  public void signalboxCounter() {
    counter.inc();
  }

  @Benchmark
  public void micrometerCounter() {
    micrometerCounter.increment();
  }
}
