package dev.signalbox.sim.bench;

import dev.signalbox.core.config.UpstreamConfig.CircuitBreakerConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.PoolStrategy;
import dev.signalbox.core.pool.ReplicaLoad;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.PrefixBlocks;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.sim.vllm.EngineCore;
import dev.signalbox.sim.vllm.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.PriorityQueue;

/**
 * One run of a workload's requests through a pool strategy over simulated vLLM-like replicas, in
 * simulated time: a discrete-event loop over arrivals, engine steps and metric scrapes, so a run
 * of minutes takes milliseconds and gives the same result every time. The strategy is the very
 * object the gateway uses, with the simulated clock; replicas report their load every 500 ms as
 * the gateway's scraper would read it. A run stops early once more than a tenth of the requests
 * it measures have missed the SLO, since its p90 then has too.
 *
 * <p>The {@link PoolBench#IDEAL_CACHE} bound places like {@code least-outstanding} but admits every
 * prompt block that any earlier request sent to the pool as a cache hit, wherever it lands: no
 * placement can save more prefill than that.
 */
public final class PoolRun {
  /** How often the replicas' load reports refresh, as a gateway scraping {@code /metrics} would. */
  static final double SCRAPE_MS = 500;
  /** How long past the last arrival the run may go on to answer what is left. */
  static final double DRAIN_MS = 120_000;

  private static final CircuitBreakerConfig NO_EJECTION =
      CircuitBreakerConfig.consecutive(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(1));

  private final PoolBench.Setup setup;
  private final String strategy;
  private final WorkloadTrace trace;
  private final List<TraceRequest> requests;
  private final double ratePerSecond;
  private final Map<Endpoint, Integer> replicaOf = new IdentityHashMap<>();
  /** Later turns due, as (time, request index), earliest first. */
  private final PriorityQueue<double[]> due = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
  /** For the ideal-cache bound, every block sent to the pool so far; otherwise null. */
  private final Set<Long> sent;

  private double now;
  private Endpoint[] endpoints;
  private EngineCore[] engines;
  private double[] stepEnds;
  private double[] arrived;
  private double[] ttft;
  private int[] cached;
  private int[] routedTo;
  private int late;

  PoolRun(PoolBench.Setup setup, String strategy, WorkloadTrace trace, double ratePerSecond) {
    this.setup = setup;
    this.strategy = strategy;
    this.trace = trace;
    this.requests = trace.requests();
    this.ratePerSecond = ratePerSecond;
    this.sent = strategy.equals(PoolBench.IDEAL_CACHE) ? new HashSet<>() : null;
  }

  /** Replicas {@code pool/0 … pool/(n-1)} as the gateway would hold them. */
  static List<Endpoint> endpoints(int n) {
    List<Endpoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Endpoint("pool/" + i, "pool", "http://replica-" + i, null, null, NO_EJECTION));
    }
    return out;
  }

  /** A request for the strategy: no text, its prompt's blocks given. */
  static RouteRequest request(int i, TraceRequest r) {
    return new RouteRequest("r" + i, Operation.CHAT, "pool", List.of(), r.outputTokens(), true, Map.of())
        .withPrefix(r.prompt());
  }

  PoolRunResult run() {
    int n = setup.replicas();
    List<Endpoint> candidates = endpoints(n);
    endpoints = candidates.toArray(Endpoint[]::new);
    engines = new EngineCore[n];
    stepEnds = new double[n];
    for (int i = 0; i < n; i++) {
      replicaOf.put(endpoints[i], i);
      engines[i] = new EngineCore(setup.engine(), setup.maxRunning(), setup.maxWaiting());
      stepEnds[i] = Double.NaN;
    }
    PoolStrategy pool = setup.strategy(sent != null ? "least-outstanding" : strategy, () -> (long) (now * 1_000_000));
    int size = requests.size();
    arrived = new double[size];
    Arrays.fill(arrived, Double.NaN);
    ttft = new double[size];
    Arrays.fill(ttft, Double.POSITIVE_INFINITY);
    cached = new int[size];
    routedTo = new int[n];
    int giveUp = setup.requests() / 10;
    double nextScrape = 0;
    double lastDue = 0;
    int next = 0;
    EngineCore.Events events = new Events();
    while (late <= giveUp) {
      double scheduled = next < size && !Double.isNaN(requests.get(next).arrivalMs())
          ? requests.get(next).arrivalMs() : Double.POSITIVE_INFINITY;
      double followUp = due.isEmpty() ? Double.POSITIVE_INFINITY : due.peek()[0];
      double arrival = Math.min(scheduled, followUp);
      int stepper = earliestStep();
      double stepEnd = stepper < 0 ? Double.POSITIVE_INFINITY : stepEnds[stepper];
      if (arrival == Double.POSITIVE_INFINITY && stepper < 0) {
        break;
      }
      double event = Math.min(arrival, stepEnd);
      if (nextScrape <= event) {
        now = nextScrape;
        scrape();
        nextScrape += SCRAPE_MS;
        continue;
      }
      now = event;
      if (arrival != Double.POSITIVE_INFINITY) {
        lastDue = Math.max(lastDue, arrival);
      }
      if (now > lastDue + DRAIN_MS) {
        break;
      }
      if (arrival <= stepEnd) {
        int i = scheduled <= followUp ? next++ : (int) due.poll()[1];
        arrive(i, pool, candidates);
      } else {
        engines[stepper].endStep(events);
        stepEnds[stepper] = engines[stepper].idle() ? Double.NaN : now + engines[stepper].beginStep();
      }
    }
    return result(late <= giveUp && due.isEmpty() && (next == size || Double.isNaN(requests.get(next).arrivalMs())));
  }

  private void arrive(int i, PoolStrategy pool, List<Endpoint> candidates) {
    TraceRequest r = requests.get(i);
    arrived[i] = now;
    RouteRequest request = request(i, r);
    Endpoint e = pool.pick(candidates, request);
    pool.placed(e, request);
    int replica = replicaOf.get(e);
    e.started();
    if (measured(i)) {
      routedTo[replica]++;
    }
    Sequence s = engines[replica].submit(r.prompt(), r.sequence(), r.outputTokens(), new Owner(i, replica));
    if (s == null) {
      e.finished();
      countLate(i);
      followUp(i);
      return;
    }
    if (sent != null) {
      s.presumeCached(sentBefore(r.prompt()));
      remember(r.sequence() != null ? r.sequence() : r.prompt()); // the sequence starts with the prompt
    }
    if (Double.isNaN(stepEnds[replica])) {
      stepEnds[replica] = now + engines[replica].beginStep();
    }
  }

  /** How many leading blocks of {@code blocks} the pool has been sent before. */
  private int sentBefore(PrefixBlocks blocks) {
    int n = 0;
    while (n < blocks.size() && sent.contains(blocks.hash(n))) {
      n++;
    }
    return n;
  }

  private void remember(PrefixBlocks blocks) {
    for (int k = 0; k < blocks.size(); k++) {
      sent.add(blocks.hash(k));
    }
  }

  /** Schedules the session's next turn, a pause after this one's answer. */
  private void followUp(int i) {
    TraceRequest r = requests.get(i);
    if (r.next() >= 0) {
      due.add(new double[] {now + r.nextPauseMs(), r.next()});
    }
  }

  private boolean measured(int i) {
    return arrived[i] >= trace.measureFromMs() && arrived[i] < trace.measureToMs();
  }

  private void scrape() {
    long nanos = (long) (now * 1_000_000);
    for (int i = 0; i < endpoints.length; i++) {
      EngineCore core = engines[i];
      endpoints[i].reportLoad(new ReplicaLoad(core.waiting(), core.running(), core.kvUsage(), nanos));
    }
  }

  private int earliestStep() {
    int best = -1;
    for (int i = 0; i < stepEnds.length; i++) {
      if (!Double.isNaN(stepEnds[i]) && (best < 0 || stepEnds[i] < stepEnds[best])) {
        best = i;
      }
    }
    return best;
  }

  private void countLate(int request) {
    if (measured(request)) {
      late++;
    }
  }

  private PoolRunResult result(boolean complete) {
    double[] times = new double[requests.size()];
    int measured = 0;
    long prompt = 0;
    long hit = 0;
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < requests.size(); i++) {
      if (measured(i)) {
        first = Math.min(first, arrived[i]);
        last = Math.max(last, arrived[i]);
        times[measured++] = ttft[i];
        if (ttft[i] != Double.POSITIVE_INFINITY) {
          prompt += requests.get(i).prompt().promptTokens();
          hit += cached[i];
        }
      }
    }
    times = Arrays.copyOf(times, measured);
    Arrays.sort(times);
    double mean = Arrays.stream(routedTo).average().orElse(0);
    double max = Arrays.stream(routedTo).max().orElse(0);
    double window = Math.min(trace.measureToMs(), last) - Math.max(trace.measureFromMs(), first);
    double served = measured > 1 && window > 0 ? (measured - 1) * 1000 / window : ratePerSecond;
    return new PoolRunResult(ratePerSecond, served, percentile(times, 0.5), percentile(times, 0.9), percentile(times, 0.99),
        prompt == 0 ? 0 : hit / (double) prompt, mean == 0 ? 1 : max / mean, measured, complete);
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  /** Which request a sequence serves, and where. */
  private record Owner(int request, int replica) {}

  private final class Events implements EngineCore.Events {
    @Override
    public void firstToken(Sequence s) {
      int i = ((Owner) s.owner()).request();
      ttft[i] = now - arrived[i];
      cached[i] = s.cachedTokens();
      if (ttft[i] > setup.sloMs()) {
        countLate(i);
      }
    }

    @Override
    public void finished(Sequence s) {
      Owner o = (Owner) s.owner();
      endpoints[o.replica()].finished();
      followUp(o.request());
    }
  }
}
