package dev.signalbox.core.upstream;

import dev.signalbox.core.config.UpstreamConfig;
import dev.signalbox.core.graph.RouteGraph;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.EndpointHealth;
import dev.signalbox.core.request.RouteRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * Where one request goes next on its way to an answer: asked for the next step, told what came
 * of the last. Plain Java on injected time, so the gateway, benches and tests in simulated time
 * run the same decisions.
 *
 * <pre>
 *  next(now) ─► Send(hop)  first: the routed model's pool strategy places it
 *       │                  later: the route graph's cheapest healthy untried hop (other
 *       │                  replicas, then the route's fallback models), within max_attempts
 *       │                  and the retry budget
 *       ├──► Wait(nanos)   nothing usable now, but an untried endpoint will be soon (a short
 *       │                  Retry-After, a circuit about to allow a trial): a jittered back-off
 *       └──► GiveUp(error) no path left: what was tried, and why each attempt failed
 *  failed(now, how, why)   the attempt failed before any answer reached the client
 *  answered / served       its first byte came / its answer is the client's now
 * </pre>
 *
 * An endpoint chosen is in flight (its load counts it) until the attempt ends; a half-open
 * endpoint's single trial permit is released whenever its attempt ends without a verdict on its
 * health. Not thread-safe: one request, one thread.
 */
public final class AttemptPlanner {
  /** Back-off waits per request. */
  private static final int MAX_WAITS = 2;

  /** What to do next. */
  public sealed interface Step permits Send, Wait, GiveUp {}

  /** Send the request to this hop's endpoint (it is in flight from now until the attempt ends). */
  public record Send(RouteGraph.Hop hop) implements Step {}

  /** Ask again after this long. */
  public record Wait(long nanos) implements Step {}

  /** No path is left. */
  public record GiveUp(UpstreamError error) implements Step {}

  private final Upstreams upstreams;
  private final UpstreamConfig config;
  private final RouteRequest request;
  private final String model;
  private final List<String> fallbacks;
  private final int promptTokens;
  private final long startNanos;
  private final AttemptLog log;
  /** A uniformly random number in [0, bound]: the back-off's jitter. */
  private final LongUnaryOperator jitter;

  private final Set<Endpoint> tried = new HashSet<>();
  private final List<String> failures = new ArrayList<>(2);
  private AttemptFailure lastFailure;
  private String lastWhy;
  private int waits;
  private Endpoint current;
  private boolean inFlight;
  private boolean trial;
  private long attemptStartNanos;

  /**
   * @param request what is being sent (its operation and max tokens bound the hops)
   * @param model the routed model
   * @param fallbacks the route's fallback models, in order
   * @param promptTokens the prompt's estimated tokens (a hop must fit them)
   * @param startNanos when the request began (the total timeout counts from it)
   * @param log where attempts and reroutes are written down
   * @param jitter a uniformly random number in [0, bound] for a bound
   */
  public AttemptPlanner(Upstreams upstreams, UpstreamConfig config, RouteRequest request, String model,
      List<String> fallbacks, int promptTokens, long startNanos, AttemptLog log, LongUnaryOperator jitter) {
    this.upstreams = upstreams;
    this.config = config;
    this.request = request;
    this.model = model;
    this.fallbacks = fallbacks;
    this.promptTokens = promptTokens;
    this.startNanos = startNanos;
    this.log = log;
    this.jitter = jitter;
    upstreams.retryBudget().recordRequest();
  }

  /** The endpoint of the current (or last) attempt; null before the first. */
  public Endpoint current() {
    return current;
  }

  /** How long the current attempt has run. */
  public double attemptMillis(long now) {
    return (now - attemptStartNanos) / 1e6;
  }

  /** The next step; a {@link Send}'s endpoint is the current attempt's from now on. */
  public Step next(long now) {
    boolean first = tried.isEmpty();
    Optional<RouteGraph.Hop> hop = first ? firstHop() : Optional.empty();
    boolean viaGraph = hop.isEmpty();
    if (viaGraph) {
      hop = graphHop(now);
    }
    if (hop.isEmpty()) {
      if (!first && tried.size() >= config.maxAttempts()) {
        return giveUp("gave up after " + tried.size() + " attempts (upstream.max_attempts)", now);
      }
      long wait = backOff(now);
      return wait > 0 ? new Wait(wait) : giveUp(null, now);
    }
    Endpoint to = hop.get().endpoint();
    if (!first && !upstreams.retryBudget().tryRetry()) {
      upstreams.log().count("retry_budget_exhausted");
      to.health().breaker().release();
      return giveUp("the retry budget is spent (retries already make up upstream.retry_budget.ratio of recent traffic)",
          now);
    }
    if (viaGraph) {
      String from = first ? model : current.id();
      String why = first ? "no usable endpoint of " + model : lastWhy;
      boolean fallback = !hop.get().model().equals(first ? model : current.model());
      log.reroute(from, to.id(), why);
      upstreams.log().record(fallback ? "fallback" : "reroute", from + " -> " + to.id(),
          why + " (request " + request.id() + ")");
    }
    tried.add(to);
    current = to;
    inFlight = true;
    trial = to.health().state(now) == EndpointHealth.State.HALF_OPEN;
    attemptStartNanos = now;
    to.started();
    return new Send(hop.get());
  }

  /**
   * The current attempt failed before any of its answer reached the client. A 429, or any
   * Retry-After ({@code retryAfterNanos > 0}), cools the endpoint down until then.
   */
  public void failed(long now, AttemptFailure how, String why, long retryAfterNanos) {
    end();
    if (how == AttemptFailure.RATE_LIMITED || retryAfterNanos > 0) {
      current.health().coolDown(now + (retryAfterNanos > 0 ? retryAfterNanos : config.backoff().max().toNanos()));
    }
    if (how.countsAgainstHealth()) {
      current.health().recordFailure(now, why);
    } else {
      releaseTrial();
    }
    log.attempt(current.id(), why, attemptMillis(now));
    failures.add(current.id() + ": " + why);
    lastFailure = how;
    lastWhy = why;
  }

  /** The current attempt's first body byte came, with this status: a status below 400 is a success. */
  public void answered(long now, int status) {
    if (status < 400) {
      current.health().recordSuccess(now, attemptMillis(now));
    }
  }

  /** The current attempt's answer goes to the client from now on; {@code outcome} e.g. {@code HTTP 200}. */
  public void served(long now, String outcome) {
    log.attempt(current.id(), outcome, attemptMillis(now));
  }

  /** The current attempt's answer broke after part of it reached the client (no retry). */
  public void brokeMidAnswer(long now, String why) {
    current.health().recordFailure(now, why);
  }

  /**
   * The current attempt ends without a verdict on the endpoint (the client left, the gateway shut
   * down or ran out of memory): a trial permit it held goes back, unless its answer had begun.
   */
  public void abandoned(long now, boolean answerBegun, String why) {
    end();
    if (current != null && !answerBegun) {
      releaseTrial();
    }
    if (why != null && current != null) {
      log.attempt(current.id(), why, attemptMillis(now));
    }
  }

  /** The request ran out of time before an answer began: the error to give. */
  public UpstreamError timedOut(long now, String why) {
    abandoned(now, false, null);
    if (current != null) {
      log.attempt(current.id(), "stopped: " + why, attemptMillis(now));
      failures.add(current.id() + ": " + why);
    }
    return new UpstreamError(504, "upstream_timeout",
        "Model '" + model + "' did not answer in time: " + String.join("; ", failures), 0);
  }

  /** The request is over: the current endpoint no longer counts it in flight. */
  public void finished() {
    end();
  }

  private void end() {
    if (inFlight) {
      inFlight = false;
      current.finished();
    }
  }

  private void releaseTrial() {
    if (trial) {
      trial = false;
      current.health().breaker().release();
    }
  }

  /** The routed model's own pool strategy places the first attempt. */
  private Optional<RouteGraph.Hop> firstHop() {
    return upstreams.pool(model).select(request, tried).map(e -> new RouteGraph.Hop(model, e, 0));
  }

  /**
   * The route graph places every later attempt, and a first one whose model has no usable
   * endpoint: the cheapest healthy path not yet tried, fallback models included.
   */
  private Optional<RouteGraph.Hop> graphHop(long now) {
    if (tried.size() >= config.maxAttempts()) {
      return Optional.empty();
    }
    Set<Endpoint> skip = new HashSet<>(tried);
    for (int i = 0; i < 4; i++) {
      Optional<RouteGraph.Hop> hop = upstreams.graph().next(model, fallbacks, request.operation(), promptTokens,
          request.maxTokens(), skip, now);
      if (hop.isEmpty() || hop.get().endpoint().health().tryAcquire(now)) {
        return hop;
      }
      skip.add(hop.get().endpoint()); // another request took its half-open trial first
    }
    return Optional.empty();
  }

  /** How long to wait for an untried endpoint that will be usable soon; 0 when none will be in time. */
  private long backOff(long now) {
    if (waits >= MAX_WAITS || tried.size() >= config.maxAttempts()) {
      return 0;
    }
    long soonest = Long.MAX_VALUE;
    for (String m : candidateModels()) {
      for (Endpoint e : upstreams.pool(m).endpoints()) {
        if (!tried.contains(e)) {
          soonest = Math.min(soonest, e.health().nanosUntilAvailable(now));
        }
      }
    }
    long maxWait = config.backoff().max().toNanos();
    long remaining = config.totalTimeout().toNanos() - (now - startNanos);
    if (soonest > maxWait || soonest >= remaining) {
      return 0;
    }
    waits++;
    long base = Math.min(maxWait, config.backoff().base().toNanos() << Math.min(waits, 20));
    return Math.max(1_000_000, Math.max(soonest, jitter.applyAsLong(base)));
  }

  private List<String> candidateModels() {
    List<String> models = new ArrayList<>(1 + fallbacks.size());
    models.add(model);
    models.addAll(fallbacks);
    return models;
  }

  /** The error when no path is left: what was tried and why, or why nothing could be. */
  private GiveUp giveUp(String stoppedBecause, long now) {
    int status;
    String code;
    long retryAfter = 0;
    if (failures.isEmpty()) {
      status = 503;
      code = "no_upstream_available";
    } else if (lastFailure == AttemptFailure.TIMEOUT) {
      status = 504;
      code = "upstream_timeout";
    } else if (lastFailure == AttemptFailure.RATE_LIMITED) {
      status = 429;
      code = "upstream_rate_limited";
      retryAfter = soonestAvailableNanos(now);
    } else if (lastFailure == AttemptFailure.REFUSED_CREDENTIALS) {
      status = 502;
      code = "upstream_auth_failed";
    } else {
      status = 502;
      code = "upstream_error";
    }
    StringBuilder message = new StringBuilder();
    if (failures.isEmpty()) {
      message.append("No endpoint of model '").append(model).append("'")
          .append(fallbacks.isEmpty() ? "" : " or its fallbacks " + fallbacks)
          .append(" is usable now: ").append(unusableSummary(now)).append('.');
    } else {
      message.append("Model '").append(model).append("' failed on every path tried (")
          .append(failures.size()).append(failures.size() == 1 ? " attempt" : " attempts").append("): ")
          .append(String.join("; ", failures)).append('.');
      if (stoppedBecause != null) {
        message.append(" Stopped: ").append(stoppedBecause).append('.');
      } else {
        message.append(" Nothing else is usable: ").append(unusableSummary(now)).append('.');
      }
    }
    upstreams.log().note("escalation", model, message + " (request " + request.id() + ")");
    return new GiveUp(new UpstreamError(status, code, message.toString(), retryAfter));
  }

  /** What every endpoint the request could use is doing, for an error message. */
  private String unusableSummary(long now) {
    List<String> parts = new ArrayList<>();
    for (String m : candidateModels()) {
      for (Endpoint e : upstreams.pool(m).endpoints()) {
        if (!tried.contains(e)) {
          parts.add(e.id() + " " + e.health().state(now).name().toLowerCase());
        }
      }
    }
    return parts.isEmpty() ? "every endpoint was tried" : String.join(", ", parts);
  }

  private long soonestAvailableNanos(long now) {
    long soonest = Long.MAX_VALUE;
    for (String m : candidateModels()) {
      for (Endpoint e : upstreams.pool(m).endpoints()) {
        soonest = Math.min(soonest, e.health().nanosUntilAvailable(now));
      }
    }
    return soonest == Long.MAX_VALUE ? 0 : soonest;
  }
}
