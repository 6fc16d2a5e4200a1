package dev.signalbox.sim.bench;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.config.UpstreamConfig;
import dev.signalbox.core.pool.EndpointHealth;
import dev.signalbox.core.pool.ProbeSchedule;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.upstream.AttemptFailure;
import dev.signalbox.core.upstream.AttemptLog;
import dev.signalbox.core.upstream.AttemptPlanner;
import dev.signalbox.core.upstream.AttemptPlanner.GiveUp;
import dev.signalbox.core.upstream.AttemptPlanner.Send;
import dev.signalbox.core.upstream.AttemptPlanner.Wait;
import dev.signalbox.core.upstream.Upstreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The fault bench's scenarios in simulated time: requests arrive at a steady rate at three
 * replicas of one model, one of which (every one, in a full outage) fails in a mode from 20% to
 * 60% of the run; each request is driven by the gateway's own {@link AttemptPlanner} over the
 * gateway's {@link Upstreams}, on a clock that jumps from event to event. A run of 10,000 requests
 * takes milliseconds and gives the same result every time. Health is learned from attempts and
 * from active probes on the gateway's {@link ProbeSchedule}: a blackholed replica's probe times
 * out, a flapping one's fails while it fails, the others' pass (their servers are up).
 */
public final class SimulatedFaultRun {
  /** How a failing replica behaves. */
  public enum Mode {
    /** No fault. */
    NONE,
    /** HTTP 500 at once. */
    ERROR,
    /** Accepts and never answers: the first-byte timeout ends the attempt. */
    BLACKHOLE,
    /** Closes the connection before answering. */
    RESET,
    /** Alternates every 300 ms between answering 500 and answering well. */
    FLAPPING
  }

  /** One scenario: a mode, on one replica or on all. */
  public record Scenario(String name, Mode mode, boolean allReplicas) {}

  /**
   * What a scenario measured.
   *
   * @param ejectMs from the fault to the faulty replica's circuit opening (NaN: it never opened)
   * @param readmitMs from the heal to its circuit closing again
   * @param amplification upstream attempts per client request
   * @param maxMs the slowest request, answered or not
   */
  public record Result(String scenario, int requests, int clientErrors, long attempts, double amplification,
      double ejectMs, double readmitMs, double p50Ms, double p99Ms, double maxMs) {}

  public static final List<Scenario> SCENARIOS = List.of(
      new Scenario("baseline", Mode.NONE, false),
      new Scenario("error-burst", Mode.ERROR, false),
      new Scenario("blackhole", Mode.BLACKHOLE, false),
      new Scenario("connection-reset", Mode.RESET, false),
      new Scenario("flapping-health", Mode.FLAPPING, false),
      new Scenario("full-outage", Mode.ERROR, true));

  static final String CONFIG = """
      upstream:
        connect_timeout_ms: 300
        first_byte_timeout_ms: 400
        total_timeout_ms: 5000
        max_attempts: 3
        circuit_breaker: {consecutive_failures: 5, failure_rate: 0.5, window: 20, minimum_calls: 10, open_ms: 500, max_open_ms: 5000}
        retry_budget: {ratio: 0.2, min_per_second: 20}
        backoff: {base_ms: 10, max_ms: 200}
        health_check: {enabled: true, path: /health, interval_ms: 1000, unhealthy_interval_ms: 200, timeout_ms: 300}
      models:
        - name: m
          pool: least-outstanding
          endpoints: [{url: "http://replica-0"}, {url: "http://replica-1"}, {url: "http://replica-2"}]
      """;

  /** Answer time of a well replica: 4 ms to the first byte, 16 tokens at 0.5 ms. */
  private static final double ANSWER_MS = 12;
  private static final double ERROR_MS = 1;
  private static final double RESET_MS = 0.3;
  private static final double FLAP_MS = 300;

  private final Scenario scenario;
  private final int requests;
  private final double intervalMs;
  private final SignalboxConfig config = ConfigLoader.parse(CONFIG, name -> null);
  private final SplittableRandom random;
  private double now;

  /**
   * @param requests client requests, arriving every {@code intervalMs}
   */
  public SimulatedFaultRun(Scenario scenario, int requests, double intervalMs, long seed) {
    this.scenario = scenario;
    this.requests = requests;
    this.intervalMs = intervalMs;
    this.random = new SplittableRandom(seed);
  }

  /** Runs every scenario with the same settings. */
  public static List<Result> all(int requests, double intervalMs, long seed) {
    List<Result> out = new ArrayList<>();
    for (Scenario s : SCENARIOS) {
      out.add(new SimulatedFaultRun(s, requests, intervalMs, seed).run());
    }
    return out;
  }

  private record Event(double at, long order, Runnable action) {}

  private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at
      ? Double.compare(a.at, b.at) : Long.compare(a.order, b.order));
  private long scheduled;
  private Upstreams upstreams;
  private List<Endpoint> replicas;
  private double faultFrom;
  private double faultTo;
  private double[] latency;
  private int errors;
  private long attempts;

  /** Runs the scenario once (a run object runs once). */
  public Result run() {
    upstreams = Upstreams.from(config, () -> nanos(now));
    replicas = upstreams.pool("m").endpoints();
    faultFrom = requests * 0.2 * intervalMs;
    faultTo = requests * 0.6 * intervalMs;
    latency = new double[requests];
    for (int i = 0; i < requests; i++) {
      Client client = new Client(i, i * intervalMs);
      at(client.arrival, client::step);
    }
    UpstreamConfig.HealthCheckConfig probes = config.upstream().healthCheck();
    ProbeSchedule schedule = new ProbeSchedule(replicas, probes);
    for (double t = 0; t < requests * intervalMs + 1_000; t += probes.unhealthyInterval().toMillis()) {
      at(t, () -> {
        for (Endpoint e : schedule.due(nanos(now))) {
          boolean down = failingNow(replicas.indexOf(e))
              && (scenario.mode() == Mode.BLACKHOLE || scenario.mode() == Mode.FLAPPING);
          double took = down && scenario.mode() == Mode.BLACKHOLE ? probes.timeout().toMillis() : ERROR_MS;
          at(now + took, () -> e.health().recordProbe(!down, nanos(now)));
        }
      });
    }
    Endpoint watched = replicas.get(0);
    double ejected = Double.NaN;
    double readmitted = Double.NaN;
    while (!queue.isEmpty()) {
      Event e = queue.poll();
      now = e.at();
      e.action().run();
      boolean open = watched.health().state(nanos(now)) != EndpointHealth.State.HEALTHY;
      if (open && now >= faultFrom && Double.isNaN(ejected)) {
        ejected = now - faultFrom;
      }
      if (!open && now >= faultTo && Double.isNaN(readmitted) && !Double.isNaN(ejected)) {
        readmitted = now - faultTo;
      }
    }
    double[] sorted = latency.clone();
    Arrays.sort(sorted);
    return new Result(scenario.name(), requests, errors, attempts, attempts / (double) requests, ejected, readmitted,
        PoolRun.percentile(sorted, 0.5), PoolRun.percentile(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private void at(double ms, Runnable action) {
    queue.add(new Event(ms, scheduled++, action));
  }

  /** One client request, driven by its own planner as the gateway's ProxyCall drives one. */
  private final class Client {
    private final int index;
    private final double arrival;
    private AttemptPlanner planner;

    Client(int index, double arrival) {
      this.index = index;
      this.arrival = arrival;
    }

    void step() {
      if (planner == null) {
        planner = new AttemptPlanner(upstreams, config.upstream(), RouteRequest.chat("r" + index, "m", "hello"), "m",
            List.of(), 10, nanos(now), AttemptLog.NONE, bound -> bound <= 0 ? 0 : random.nextLong(bound + 1));
      }
      AttemptPlanner.Step step = planner.next(nanos(now));
      if (step instanceof GiveUp) {
        errors++;
        end();
      } else if (step instanceof Wait wait) {
        at(now + wait.nanos() / 1e6, this::step);
      } else {
        attempts++;
        boolean faulty = failingNow(replicas.indexOf(((Send) step).hop().endpoint()));
        double took = !faulty ? ANSWER_MS : switch (scenario.mode()) {
          case BLACKHOLE -> config.upstream().firstByteTimeout().toMillis();
          case RESET -> RESET_MS;
          default -> ERROR_MS;
        };
        at(now + took, faulty ? this::failed : this::answered);
      }
    }

    private void answered() {
      planner.answered(nanos(now), 200);
      planner.served(nanos(now), "HTTP 200");
      end();
    }

    private void failed() {
      switch (scenario.mode()) {
        case BLACKHOLE -> planner.failed(nanos(now), AttemptFailure.TIMEOUT, "no response within 400 ms", 0);
        case RESET -> planner.failed(nanos(now), AttemptFailure.RESET, "connection reset", 0);
        default -> planner.failed(nanos(now), AttemptFailure.SERVER_ERROR, "HTTP 500", 0);
      }
      step();
    }

    private void end() {
      planner.finished();
      latency[index] = now - arrival;
    }
  }

  /** Whether a replica fails now: in the fault window, if the fault is its, and (flapping) in a failing phase. */
  private boolean failingNow(int replica) {
    if (scenario.mode() == Mode.NONE || !(scenario.allReplicas() || replica == 0) || now < faultFrom
        || now >= faultTo) {
      return false;
    }
    return scenario.mode() != Mode.FLAPPING || ((long) ((now - faultFrom) / FLAP_MS)) % 2 == 0;
  }

  private static long nanos(double ms) {
    return (long) (ms * 1_000_000);
  }
}
