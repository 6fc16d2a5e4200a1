package dev.signalbox.bench;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Choosing a replica: {@code Pool.select} (health filter, then the strategy) among 10, 100 and
 * 1,000 replicas, for each strategy, on prompts of about 2,200 tokens (one of 64 shared system
 * prompts of 2,048 tokens, then a unique question). Each chosen replica holds the request until
 * 32 × replicas later requests have been placed, so replicas hold 32 requests on average, moving
 * as the strategy places them; the prefix index is warmed by 20,000 earlier requests. Target:
 * under 50 µs at 1,000 replicas.
 *
 * <p>Run: {@code ./mvnw -q -Pbench package -pl signalbox-bench -am -DskipTests && java -jar
 * signalbox-bench/target/benchmarks.jar PoolStrategy}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolStrategyBenchmark {
  private static final int PROMPTS = 4096;

  @Param({"round-robin", "least-outstanding", "p2c", "chwbl", "prefix-tree", "dualmap", "slo-affinity", "price"})
  public String strategy;

  @Param({"10", "100", "1000"})
  public int replicas;

  private Pool pool;
  private RouteRequest[] requests;
  private Endpoint[] holding;
  private int next;

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(42);
    CircuitBreakerConfig ejection = CircuitBreakerConfig.consecutive(3, Duration.ofSeconds(5), Duration.ofSeconds(60));
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      endpoints.add(new Endpoint("m/" + i, "m", "http://10.0.0." + i + ":8000", null, null, ejection));
    }
    holding = new Endpoint[32 * replicas];
    pool = new Pool("m", endpoints, PoolStrategies.create(strategy, 42),
        System::nanoTime);
    requests = new RouteRequest[PROMPTS];
    int[] tokens = new int[2048 + 200];
    for (int p = 0; p < PROMPTS; p++) {
      int system = random.nextInt(64);
      for (int t = 0; t < 2048; t++) {
        tokens[t] = system * 100_003 + t;
      }
      for (int t = 2048; t < tokens.length; t++) {
        tokens[t] = random.nextInt(128_000);
      }
      requests[p] = new RouteRequest("r" + p, Operation.CHAT, "m", List.of(), -1, true, Map.of())
          .withPrefix(PrefixBlocks.ofTokens(tokens, tokens.length));
    }
    for (int i = 0; i < 20_000; i++) {
      select();
    }
  }

  @Benchmark
  public Endpoint select() {
    int n = next++;
    Endpoint e = pool.select(requests[n & (PROMPTS - 1)], Set.of()).orElseThrow();
    e.started();
    int slot = n % holding.length;
    if (holding[slot] != null) {
      holding[slot].finished();
    }
    holding[slot] = e;
    return e;
  }
}
