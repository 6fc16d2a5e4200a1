package dev.signalbox.sim.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.PoolConfig;
import dev.signalbox.sim.ReplicaProfile;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.PoolContext;
import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.core.pool.PoolStrategy;
import dev.signalbox.core.request.RouteRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * The replica-choice bench: for a workload, each strategy's time to first token against offered
 * load over simulated vLLM-like replicas, and its effective capacity, the highest request rate at
 * which p90 TTFT stays within the SLO. Loads step up by 1.25× until every strategy has broken
 * the SLO, then each strategy's capacity is narrowed by bisection between its last load met and
 * its first load missed. Runs are independent and seeded, so they run in parallel and repeat
 * exactly.
 */
public final class PoolBench implements AutoCloseable {
  /**
   * Not a strategy but a bound: {@code least-outstanding} placement over replicas that have cached
   * every prompt block the pool was sent before. No placement saves more prefill, so no strategy's
   * capacity can exceed it by more than what better balance of memory and load would add.
   */
  public static final String IDEAL_CACHE = "ideal-cache";

  /** Load steps and refinements. */
  static final double STEP = 1.25;
  static final int MAX_STEPS = 32;
  static final int BISECTIONS = 4;

  private final Setup setup;
  private final ExecutorService executor;

  /**
   * What every run shares.
   *
   * @param replicas replicas in the pool
   * @param engine the replicas' engine parameters
   * @param maxRunning requests in a replica's batch at once ({@code max_num_seqs})
   * @param maxWaiting requests a replica queues; more are refused
   * @param sloMs the p90 TTFT objective
   * @param requests requests measured per run, after those that warm the caches
   * @param seed seeds workloads and strategies
   */
  public record Setup(int replicas, ReplicaProfile.Vllm engine, int maxRunning, int maxWaiting, double sloMs,
      int requests, long seed) {

    /** 8 replicas of Llama-3.1-8B on an H100-80GB, a 1 s p90 TTFT objective, 3,000 requests a run. */
    public static Setup defaults() {
      return new Setup(8, ReplicaProfile.Vllm.H100_8B, 256, 1024, 1000, 3000, 42);
    }

    public Setup withReplicas(int n) {
      return new Setup(n, engine, maxRunning, maxWaiting, sloMs, requests, seed);
    }

    public Setup withSloMs(double ms) {
      return new Setup(replicas, engine, maxRunning, maxWaiting, ms, requests, seed);
    }

    public Setup withRequests(int n) {
      return new Setup(replicas, engine, maxRunning, maxWaiting, sloMs, n, seed);
    }

    /**
     * A strategy told the truth about the replicas, as an operator would: the SLO, the replicas'
     * prefill speed and cache size (those of them it reads) and how often they report their load.
     */
    PoolStrategy strategy(String name, LongSupplier nanoClock) {
      ObjectNode pool = JsonNodeFactory.instance.objectNode().put("ttft_slo_ms", sloMs)
          .put("prefill_tokens_per_s", engine.prefillTokensPerSecond()).put("cache_blocks", engine.kvBlocks());
      pool.retain(PoolStrategies.keys().get(name).names());
      pool.put("strategy", name);
      return PoolStrategies.create(new PoolConfig(name, new ConfigNode(pool, "pool")),
          new PoolContext(seed, nanoClock, (long) PoolRun.SCRAPE_MS));
    }
  }

  /**
   * One strategy's measurements on one workload.
   *
   * @param strategy its name
   * @param points every run, by offered load
   * @param atCapacity the run at the highest load that met the SLO, or null when none did
   */
  public record Curve(String strategy, List<PoolRunResult> points, PoolRunResult atCapacity) {
    /** Requests per second served at capacity; 0 when no load tried met the SLO. */
    public double capacity() {
      return atCapacity == null ? 0 : atCapacity.servedPerSecond();
    }
  }

  /** Every strategy's curve on one workload. */
  public record WorkloadResult(String workload, List<Curve> curves) {
    /** The curve of a strategy; throws if it was not run. */
    public Curve curve(String strategy) {
      return curves.stream().filter(c -> c.strategy().equals(strategy)).findFirst().orElseThrow();
    }
  }

  /**
   * The share of prefixes a strategy sends elsewhere once the pool grows or shrinks by one.
   *
   * @param added when a replica joins
   * @param removed when a replica leaves
   */
  public record Remapping(String strategy, double added, double removed) {
    /** The larger of the two. */
    public double fraction() {
      return Math.max(added, removed);
    }
  }

  public PoolBench(Setup setup, int threads) {
    this.setup = setup;
    this.executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "pool-bench");
      t.setDaemon(true);
      return t;
    });
  }

  public Setup setup() {
    return setup;
  }

  /** Sweeps offered load on {@code workload} for each strategy. */
  public WorkloadResult sweep(Workload workload, List<String> strategies) {
    Map<String, Search> searches = new LinkedHashMap<>();
    for (String s : strategies) {
      searches.put(s, new Search(s));
    }
    double rate = startingRate(workload);
    for (int step = 0; step < MAX_STEPS; step++) {
      List<Search> open = searches.values().stream().filter(Search::rising).toList();
      if (open.isEmpty()) {
        break;
      }
      WorkloadTrace trace = workload.generate(rate, setup.requests(), setup.seed());
      double at = rate;
      List<PoolRunResult> results = runAll(open, s -> new PoolRun(setup, s.strategy, trace, at).run());
      for (int i = 0; i < open.size(); i++) {
        open.get(i).record(results.get(i));
      }
      rate *= STEP;
    }
    for (int round = 0; round < BISECTIONS; round++) {
      List<Search> open = searches.values().stream().filter(s -> !s.rising()).toList();
      runAll(open, s -> {
        double mid = s.lastMet == null ? s.firstMissed / 2 : Math.sqrt(s.lastMet.ratePerSecond() * s.firstMissed);
        PoolRunResult r = new PoolRun(setup, s.strategy, workload.generate(mid, setup.requests(), setup.seed()), mid).run();
        synchronized (s) {
          s.record(r);
        }
        return r;
      });
    }
    List<Curve> curves = new ArrayList<>();
    for (Search s : searches.values()) {
      s.points.sort(Comparator.comparingDouble(PoolRunResult::ratePerSecond));
      curves.add(new Curve(s.strategy, List.copyOf(s.points), s.lastMet));
    }
    return new WorkloadResult(workload.name(), curves);
  }

  /** Measures each strategy's remapping when one replica joins and when one leaves. */
  public List<Remapping> scaling(List<String> strategies) {
    List<TraceRequest> prompts = Workloads.named("no-sharing").generate(1, 2000, setup.seed()).requests();
    int n = setup.replicas();
    List<Callable<Remapping>> jobs = new ArrayList<>();
    for (String s : strategies) {
      jobs.add(() -> new Remapping(s, remapped(s, prompts, n, n + 1), remapped(s, prompts, n, n - 1)));
    }
    return await(jobs);
  }

  /**
   * The share of prompts placed on another replica after the pool goes from {@code from} to
   * {@code to} replicas (the last one joining or leaving), each prompt placed once before and once
   * after, on an idle pool.
   */
  double remapped(String strategy, List<TraceRequest> prompts, int from, int to) {
    List<Endpoint> all = PoolRun.endpoints(Math.max(from, to));
    long[] clock = {0};
    PoolStrategy pool = setup.strategy(strategy, () -> clock[0]);
    Endpoint[] before = new Endpoint[prompts.size()];
    for (int pass = 0; pass < 2; pass++) {
      List<Endpoint> candidates = all.subList(0, pass == 0 ? from : to);
      int moved = 0;
      for (int i = 0; i < prompts.size(); i++) {
        clock[0] += 1_000_000_000L;
        RouteRequest request = PoolRun.request(i, prompts.get(i));
        Endpoint e = pool.pick(candidates, request);
        pool.placed(e, request);
        e.started();
        e.finished();
        if (pass == 0) {
          before[i] = e;
        } else if (e != before[i]) {
          moved++;
        }
      }
      if (pass == 1) {
        return moved / (double) prompts.size();
      }
    }
    throw new AssertionError();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** A load a few times below what the replicas could prefill with no cache at all. */
  private double startingRate(Workload workload) {
    double meanPrompt = workload.generate(1, 500, setup.seed()).requests().stream()
        .mapToInt(r -> r.prompt().promptTokens()).average().orElse(1000);
    return 0.1 * setup.replicas() * setup.engine().prefillTokensPerSecond() / meanPrompt;
  }

  private <T> List<PoolRunResult> runAll(List<T> items, java.util.function.Function<T, PoolRunResult> run) {
    List<Callable<PoolRunResult>> jobs = new ArrayList<>();
    for (T item : items) {
      jobs.add(() -> run.apply(item));
    }
    return await(jobs);
  }

  private <R> List<R> await(List<Callable<R>> jobs) {
    try {
      List<R> out = new ArrayList<>();
      for (Future<R> f : executor.invokeAll(jobs)) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  /** The capacity search of one strategy. */
  private final class Search {
    final String strategy;
    final List<PoolRunResult> points = new ArrayList<>();
    PoolRunResult lastMet;
    double firstMissed = Double.NaN;

    Search(String strategy) {
      this.strategy = strategy;
    }

    /** Still stepping up: no load has missed the SLO yet. */
    boolean rising() {
      return Double.isNaN(firstMissed);
    }

    void record(PoolRunResult r) {
      points.add(r);
      if (r.meets(setup.sloMs())) {
        if (lastMet == null || r.ratePerSecond() > lastMet.ratePerSecond()) {
          lastMet = r;
        }
      } else if (rising() || r.ratePerSecond() < firstMissed) {
        firstMissed = r.ratePerSecond();
      }
    }
  }
}
