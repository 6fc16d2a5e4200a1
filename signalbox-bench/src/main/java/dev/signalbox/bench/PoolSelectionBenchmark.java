package dev.signalbox.bench;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.core.request.RouteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Picking a replica: {@link Pool#select} with each built-in strategy among 10, 100 and 1,000
 * healthy endpoints carrying random loads (0-7 requests in flight), for a first attempt (nothing
 * tried yet) and for a retry (one endpoint already tried).
 *
 * <p>Run: {@code java -jar signalbox-bench/target/benchmarks.jar PoolSelection}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolSelectionBenchmark {

  @Param({"round-robin", "least-outstanding", "p2c"})
  public String strategy;

  @Param({"10", "100", "1000"})
  public int endpoints;

  private Pool pool;
  private Set<Endpoint> triedOne;
  private final RouteRequest request = RouteRequest.chat("bench", "auto", "hi");

  @Setup
  public void setup() {
    CircuitBreakerConfig ejection = CircuitBreakerConfig.consecutive(3, Duration.ofSeconds(5), Duration.ofMinutes(2));
    SplittableRandom random = new SplittableRandom(42);
    List<Endpoint> list = new ArrayList<>();
    for (int i = 0; i < endpoints; i++) {
      Endpoint e = new Endpoint("m/" + i, "m", "http://10.0.0." + (i % 250) + ":8000", null, null, ejection);
      for (int load = random.nextInt(8); load > 0; load--) {
        e.started();
      }
      list.add(e);
    }
    pool = new Pool("m", list, PoolStrategies.create(strategy, 7), System::nanoTime);
    triedOne = Set.of(list.get(endpoints / 2));
  }

  @Benchmark
  public Endpoint firstAttempt() {
    return pool.select(request, Set.of()).orElseThrow();
  }

  @Benchmark
  public Endpoint retry() {
    return pool.select(request, triedOne).orElseThrow();
  }
}
