package dev.signalbox.bench.faults;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.sim.ReplicaProfile.Faults;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.gateway.Gateway;
import dev.signalbox.core.upstream.ResilienceLog;
import dev.signalbox.sim.SimulatedPool;
import dev.signalbox.sim.SimulatedReplica;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The fault bench: a gateway in front of three simulated replicas of one model under steady
 * closed-loop load (one request in ten streamed), while one replica fails in each mode in turn —
 * then all of them at once. Per scenario it measures what clients saw (errors, streams that failed
 * before their first byte, latency added over a fault-free run), how fast the gateway ejected the
 * bad replica and re-admitted it after it recovered, and how many upstream attempts each client
 * request cost (retry amplification).
 */
public final class FaultBench {

  /** One fault mode applied to a replica, and undone when it recovers. */
  public record Scenario(String name, String description, Consumer<SimulatedReplica> inject, boolean allReplicas) {}

  /** What one scenario measured. */
  public record Result(
      String scenario,
      int requests,
      int streamRequests,
      int clientErrors,
      int streamErrorsBeforeFirstByte,
      int streamErrorsAfterFirstByte,
      double p50Us,
      double p99Us,
      double addedP50Us,
      double addedP99Us,
      double ejectMs,
      double readmitMs,
      double retryAmplification,
      long upstreamAttempts) {}

  static final String CONFIG = """
      server: {port: 0, event_loops: 1, decision_history: 1000, shutdown_grace_ms: 500}
      upstream:
        connect_timeout_ms: 300
        first_byte_timeout_ms: 400
        idle_timeout_ms: 400
        total_timeout_ms: 5000
        max_attempts: 3
        keepalive_ms: 10000
        health_check: {enabled: true, path: /health, interval_ms: 1000, unhealthy_interval_ms: 200, timeout_ms: 300}
        circuit_breaker: {consecutive_failures: 5, failure_rate: 0.5, window: 20, minimum_calls: 10, open_ms: 500, max_open_ms: 5000}
        retry_budget: {ratio: 0.2, min_per_second: 20}
        backoff: {base_ms: 10, max_ms: 200}
      simulator: {seed: 11}
      models:
        - name: m
          pool: least-outstanding
          endpoints:
            - simulated: {ttft_ms: 4, tpot_ms: 0.5, output_tokens: 16, max_concurrency: 256}
            - simulated: {ttft_ms: 4, tpot_ms: 0.5, output_tokens: 16, max_concurrency: 256}
            - simulated: {ttft_ms: 4, tpot_ms: 0.5, output_tokens: 16, max_concurrency: 256}
      """;

  private final int requests;
  private final int concurrency;
  private final IntConsumer progress;

  /**
   * @param requests client requests per scenario
   * @param concurrency requests in flight at once (closed loop)
   * @param progress told how many requests of the current scenario are done
   */
  public FaultBench(int requests, int concurrency, IntConsumer progress) {
    this.requests = requests;
    this.concurrency = concurrency;
    this.progress = progress;
  }

  /** The scenarios, in the order they run; the first is the fault-free baseline. */
  public static List<Scenario> scenarios() {
    return List.of(
        new Scenario("baseline", "no fault", r -> { }, false),
        new Scenario("error-burst", "one replica answers HTTP 500 to everything",
            r -> faults(r, new Faults(1.0, 500, 0, 0, 0, 0)), false),
        new Scenario("blackhole", "one replica accepts connections and never answers, probes included",
            r -> faults(r, Faults.blackhole()), false),
        new Scenario("slow-first-byte", "one replica's first byte comes after 1.5 s (the timeout is 400 ms)",
            r -> faults(r, new Faults(0, 500, 1.0, 1500, 0, 0)), false),
        new Scenario("connection-reset", "one replica closes every connection before answering",
            r -> faults(r, new Faults(0, 500, 0, 0, 1.0, 0)), false),
        new Scenario("cut-mid-stream", "one replica cuts every answer halfway",
            r -> faults(r, new Faults(0, 500, 0, 0, 0, 1.0)), false),
        new Scenario("flapping-health", "one replica flips between failing (errors, failed probes) and healthy every 300 ms",
            r -> { }, false),
        new Scenario("full-outage", "every replica answers HTTP 500 to everything",
            r -> faults(r, new Faults(1.0, 500, 0, 0, 0, 0)), true));
  }

  /**
   * Runs every scenario, each on a fresh gateway and fresh replicas, after an unmeasured warm-up
   * run (so the baseline does not pay for JIT compilation).
   */
  public List<Result> run(List<Scenario> scenarios, Consumer<String> onScenario) throws Exception {
    onScenario.accept("warm-up");
    runOne(scenarios().get(0), null, Math.min(requests, 5_000));
    List<Result> results = new ArrayList<>();
    Result baseline = null;
    for (Scenario s : scenarios) {
      onScenario.accept(s.name());
      Result r = runOne(s, baseline, requests);
      if (s.name().equals("baseline")) {
        baseline = r;
      }
      results.add(r);
    }
    return results;
  }

  private Result runOne(Scenario scenario, Result baseline, int requests) throws Exception {
    SignalboxConfig config = ConfigLoader.parse(CONFIG, name -> null);
    Vertx vertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    SimulatedPool sims = SimulatedPool.start(vertx, config, "127.0.0.1", 0);
    Gateway gateway = Gateway.start(vertx, sims.config()).await(20, TimeUnit.SECONDS);
    try {
      List<SimulatedReplica> replicas = sims.replicas("m");
      SimulatedReplica victim = replicas.get(0);
      Load load = new Load(clientVertx, gateway.port(), concurrency);
      long[] marks = new long[2];
      AtomicLong flapper = new AtomicLong(-1);
      int faultAt = requests / 5;
      int recoverAt = requests * 3 / 5;
      load.run(requests, done -> {
        progress.accept(done);
        if (done == faultAt) {
          marks[0] = System.nanoTime();
          if (scenario.name().equals("flapping-health")) {
            flapper.set(vertx.setPeriodic(300, id -> flip(victim)));
            flip(victim);
          } else if (scenario.allReplicas()) {
            replicas.forEach(scenario.inject());
          } else {
            scenario.inject().accept(victim);
          }
        } else if (done == recoverAt) {
          if (flapper.get() >= 0) {
            vertx.cancelTimer(flapper.get());
          }
          marks[1] = System.nanoTime();
          replicas.forEach(FaultBench::heal);
        }
      }).await(10, TimeUnit.MINUTES);
      String subject = victim.model() + "/0";
      double eject = firstEventAfter(gateway.upstreams().log(), subject, marks[0], "circuit closed -> open", "probe failed");
      long attempts = replicas.stream().mapToLong(r -> r.stats().received()).sum();
      // a circuit closes only on a trial request: once the measured load is over, a request every
      // 100 ms stands in for live traffic, so a replica still open at the end can come back
      long trickle = clientVertx.setPeriodic(100, id -> load.sendOne());
      double readmit;
      try {
        readmit = awaitReadmission(gateway.upstreams().log(), subject, marks[1]);
      } finally {
        clientVertx.cancelTimer(trickle);
      }
      // Added latency compares the fault window with the same run's fault-free stretch just
      // before it, so the machine's drift between runs does not count; the run's first tenth
      // (fresh connections, a cold gateway) is left out of the reference.
      double p50 = load.percentileUs(50, faultAt, recoverAt);
      double p99 = load.percentileUs(99, faultAt, recoverAt);
      int referenceFrom = requests / 10;
      return new Result(scenario.name(), load.completed(), load.streams(), load.clientErrors(),
          load.streamErrorsBeforeFirstByte(), load.streamErrorsAfterFirstByte(), p50, p99,
          p50 - load.percentileUs(50, referenceFrom, faultAt), p99 - load.percentileUs(99, referenceFrom, faultAt),
          scenario.name().equals("baseline") ? Double.NaN : eject,
          scenario.name().equals("baseline") ? Double.NaN : readmit,
          (double) attempts / load.completed(), attempts);
    } finally {
      gateway.close().await(10, TimeUnit.SECONDS);
      sims.close();
      vertx.close().await(10, TimeUnit.SECONDS);
      clientVertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void faults(SimulatedReplica r, Faults faults) {
    r.setProfile(r.profile().withFaults(faults));
  }

  private static void heal(SimulatedReplica r) {
    faults(r, Faults.NONE);
    r.setHealthy(true);
  }

  private static void flip(SimulatedReplica r) {
    boolean failing = r.profile().faults().errorRate() == 0;
    faults(r, failing ? new Faults(1.0, 503, 0, 0, 0, 0) : Faults.NONE);
    r.setHealthy(!failing);
  }

  /** Milliseconds from {@code sinceNanos} to the first event of one of {@code kinds}; NaN if none. */
  private static double firstEventAfter(ResilienceLog log, String subject, long sinceNanos, String... kinds) {
    for (ResilienceLog.Event e : log.recent(1_000)) {
      if (e.subject().equals(subject) && e.atNanos() - sinceNanos >= 0 && Arrays.asList(kinds).contains(e.kind())) {
        return (e.atNanos() - sinceNanos) / 1e6;
      }
    }
    return Double.NaN;
  }

  /**
   * Milliseconds from recovery until the replica was back in its pool: the last event that put it
   * back ("half_open -> closed" or "probe passed") once no later event took it out again. Waits up
   * to 10 s for it.
   */
  private static double awaitReadmission(ResilienceLog log, String subject, long recoveredNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      double back = Double.NaN;
      boolean everOut = false;
      boolean outAtRecovery = false;
      for (ResilienceLog.Event e : log.recent(1_000)) {
        if (!e.subject().equals(subject)) {
          continue;
        }
        boolean out = e.kind().equals("circuit closed -> open") || e.kind().equals("probe failed")
            || e.kind().equals("circuit half_open -> open");
        boolean in = e.kind().equals("circuit half_open -> closed") || e.kind().equals("probe passed");
        everOut |= out;
        boolean afterRecovery = e.atNanos() - recoveredNanos >= 0;
        if (!afterRecovery && (out || in)) {
          outAtRecovery = out;
        }
        if (out) {
          back = Double.NaN;
        } else if (in && afterRecovery && Double.isNaN(back)) {
          back = (e.atNanos() - recoveredNanos) / 1e6;
        }
      }
      if (everOut && !outAtRecovery && Double.isNaN(back)) {
        return 0;
      }
      if (!everOut) {
        return Double.NaN;
      }
      if (!Double.isNaN(back) || System.nanoTime() > deadline) {
        return back;
      }
      Thread.sleep(50);
    }
  }

  /** The results as {@code {"scenarios": {"<name>": {fields}}}}. */
  public static Map<String, Object> toJson(List<Result> results, List<Scenario> scenarios) {
    Map<String, Object> byName = new LinkedHashMap<>();
    for (Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      scenarios.stream().filter(s -> s.name().equals(r.scenario())).findFirst()
          .ifPresent(s -> m.put("description", s.description()));
      m.put("requests", r.requests());
      m.put("stream_requests", r.streamRequests());
      m.put("client_errors", r.clientErrors());
      m.put("stream_errors_before_first_byte", r.streamErrorsBeforeFirstByte());
      m.put("stream_errors_after_first_byte", r.streamErrorsAfterFirstByte());
      m.put("p50_us", round(r.p50Us()));
      m.put("p99_us", round(r.p99Us()));
      m.put("added_p50_us", round(r.addedP50Us()));
      m.put("added_p99_us", round(r.addedP99Us()));
      m.put("eject_ms", Double.isNaN(r.ejectMs()) ? null : round(r.ejectMs()));
      m.put("readmit_ms", Double.isNaN(r.readmitMs()) ? null : round(r.readmitMs()));
      m.put("retry_amplification", Math.round(r.retryAmplification() * 1000) / 1000.0);
      m.put("upstream_attempts", r.upstreamAttempts());
      byName.put(r.scenario(), m);
    }
    return Map.of("scenarios", byName);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Closed-loop load: {@code concurrency} requests in flight until {@code total} have finished. */
  static final class Load {
    private static final String JSON = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello %d\"}]}";
    private static final String STREAM =
        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello %d\"}]}";

    private final Vertx vertx;
    private final HttpClient client;
    private final int port;
    private final int concurrency;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicInteger clientErrors = new AtomicInteger();
    private final AtomicInteger streamBefore = new AtomicInteger();
    private final AtomicInteger streamAfter = new AtomicInteger();
    private long[] latencies;

    Load(Vertx vertx, int port, int concurrency) {
      this.vertx = vertx;
      this.port = port;
      this.concurrency = concurrency;
      this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
          new PoolOptions().setHttp1MaxSize(concurrency));
    }

    /** One request outside the measured load, its outcome ignored. */
    void sendOne() {
      client.request(options())
          .compose(req -> req.send(Buffer.buffer(String.format(JSON, -1))))
          .compose(HttpClientResponse::body);
    }

    private RequestOptions options() {
      return new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
          .setURI("/v1/chat/completions").setTimeout(30_000).putHeader("content-type", "application/json");
    }

    Future<Void> run(int total, IntConsumer onDone) {
      latencies = new long[total];
      Promise<Void> all = Promise.promise();
      vertx.runOnContext(v -> {
        for (int i = 0; i < Math.min(concurrency, total); i++) {
          next(total, onDone, all);
        }
      });
      return all.future();
    }

    private void next(int total, IntConsumer onDone, Promise<Void> all) {
      int n = started.getAndIncrement();
      if (n >= total) {
        return;
      }
      boolean stream = n % 10 == 9;
      long t0 = System.nanoTime();
      String body = String.format(stream ? STREAM : JSON, n);
      client.request(options())
          .compose(req -> req.send(Buffer.buffer(body)))
          .compose(resp -> resp.body().map(b -> classify(stream, resp.statusCode(), b)))
          .recover(t -> Future.succeededFuture(stream ? Outcome.STREAM_BEFORE : Outcome.ERROR))
          .onSuccess(outcome -> {
            latencies[n] = System.nanoTime() - t0;
            if (stream) {
              streams.incrementAndGet();
            }
            switch (outcome) {
              case ERROR -> clientErrors.incrementAndGet();
              case STREAM_BEFORE -> {
                clientErrors.incrementAndGet();
                streamBefore.incrementAndGet();
              }
              case STREAM_AFTER -> streamAfter.incrementAndGet();
              default -> { }
            }
            int done = finished.incrementAndGet();
            onDone.accept(done);
            if (done == total) {
              all.complete();
            } else {
              next(total, onDone, all);
            }
          });
    }

    private enum Outcome { OK, ERROR, STREAM_BEFORE, STREAM_AFTER }

    private static Outcome classify(boolean stream, int status, Buffer body) {
      if (status != 200) {
        return stream ? Outcome.STREAM_BEFORE : Outcome.ERROR;
      }
      if (!stream) {
        return body.toString().contains("\"choices\"") ? Outcome.OK : Outcome.ERROR;
      }
      String s = body.toString();
      int data = s.indexOf("\"delta\"");
      int error = s.indexOf("data: {\"error\"");
      if (error < 0 && s.endsWith("data: [DONE]\n\n")) {
        return Outcome.OK;
      }
      return data >= 0 && (error < 0 || data < error) ? Outcome.STREAM_AFTER : Outcome.STREAM_BEFORE;
    }

    int completed() {
      return finished.get();
    }

    int streams() {
      return streams.get();
    }

    int clientErrors() {
      return clientErrors.get();
    }

    int streamErrorsBeforeFirstByte() {
      return streamBefore.get();
    }

    int streamErrorsAfterFirstByte() {
      return streamAfter.get();
    }

    /** A latency percentile of the requests started in {@code [from, to)}. */
    double percentileUs(double p, int from, int to) {
      long[] sorted = Arrays.copyOfRange(latencies, from, to);
      Arrays.sort(sorted);
      int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
      return sorted[Math.max(0, i)] / 1e3;
    }
  }
}
