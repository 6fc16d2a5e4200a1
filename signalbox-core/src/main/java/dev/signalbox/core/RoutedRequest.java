package dev.signalbox.core;

import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.core.upstream.AttemptFailure;
import dev.signalbox.core.upstream.AttemptLog;
import dev.signalbox.core.upstream.AttemptPlanner;
import dev.signalbox.core.upstream.AttemptPlanner.GiveUp;
import dev.signalbox.core.upstream.AttemptPlanner.Send;
import dev.signalbox.core.upstream.AttemptPlanner.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * One request that {@link Signalbox#route} decided: the model and why, and where to send it now.
 * Its {@link #step()} is what to do next: {@link Send} to an endpoint (which counts it in flight
 * until the attempt ends), {@link AttemptPlanner.Wait} and ask {@link #next()} again, or {@link
 * GiveUp}. Tell it what came of each attempt ({@link #failed}, {@link #answered}) and {@link
 * #finish} it; closing it unfinished gives its endpoint back without blaming it. One thread.
 */
public final class RoutedRequest implements AutoCloseable {
  private final Signalbox signalbox;
  private final RouteRequest request;
  private final Signals signals;
  private final Routed routed;
  private final AttemptPlanner planner;
  private final Log log;
  private final long startNanos;
  private Step step;
  private String answeredBy;
  private boolean over;

  RoutedRequest(Signalbox signalbox, RouteRequest request, Signals signals, Routed routed, AttemptPlanner planner,
      Log log, long startNanos) {
    this.signalbox = signalbox;
    this.request = request;
    this.signals = signals;
    this.routed = routed;
    this.planner = planner;
    this.log = log;
    this.startNanos = startNanos;
    this.step = planner.next(startNanos);
  }

  public String id() {
    return request.id();
  }

  public RouteRequest request() {
    return request;
  }

  /** The route that decided, or {@code direct} when the request named a model. */
  public String route() {
    return routed.route();
  }

  /** The model the route chose. */
  public String model() {
    return routed.model();
  }

  /** Why: the policy, its reason and the alternatives it weighed. */
  public Trace trace() {
    return routed.decision().trace();
  }

  public Signals signals() {
    return signals;
  }

  /** What to do now. */
  public Step step() {
    return step;
  }

  /** The endpoint to send to now, or null when the step is to wait or to give up. */
  public Endpoint endpoint() {
    return step instanceof Send send ? send.hop().endpoint() : null;
  }

  /** After a {@link AttemptPlanner.Wait}: the next step. */
  public Step next() {
    step = planner.next(signalbox.now());
    return step;
  }

  /**
   * The current attempt failed before any of its answer was used: the next step (another
   * replica, a fallback model, a wait, or giving up with every failure listed).
   *
   * @param retryAfterNanos the endpoint's Retry-After (0: none)
   */
  public Step failed(AttemptFailure how, String why, long retryAfterNanos) {
    planner.failed(signalbox.now(), how, why, retryAfterNanos);
    return next();
  }

  /**
   * The current attempt's answer began with this status, and it is the one the caller uses.
   *
   * @throws IllegalStateException when the step is not to send
   */
  public void answered(int status) {
    if (!(step instanceof Send)) {
      throw new IllegalStateException("no attempt is under way: the step is " + step);
    }
    long now = signalbox.now();
    planner.answered(now, status);
    planner.served(now, "HTTP " + status);
    answeredBy = ((Send) step).hop().model();
  }

  /** The answer broke after part of it was used (no retry is possible then). */
  public void brokeMidAnswer(String why) {
    planner.brokeMidAnswer(signalbox.now(), why);
  }

  /**
   * The request is over: its outcome (latency from {@link Signalbox#route}, the usage at the
   * answering model's prices), reported to the route that decided it.
   *
   * @param promptTokens from the answer's usage, or -1 when it gave none
   */
  public RequestOutcome finish(int status, long promptTokens, long completionTokens) {
    over = true;
    planner.finished();
    boolean usage = promptTokens >= 0 && answeredBy != null;
    String error = step instanceof GiveUp giveUp ? giveUp.error().message() : status >= 400 ? "HTTP " + status : null;
    RequestOutcome outcome = new RequestOutcome(status, (signalbox.now() - startNanos) / 1e6,
        usage ? promptTokens : -1, usage ? completionTokens : -1,
        usage ? signalbox.routing().catalog().get(answeredBy).cost(promptTokens, completionTokens) : Double.NaN,
        answeredBy, error);
    signalbox.report(id(), outcome);
    return outcome;
  }

  /** Every attempt and reroute so far, e.g. {@code small/0: HTTP 500 (3 ms)}. */
  public List<String> attempts() {
    return List.copyOf(log.lines);
  }

  /** Unfinished: the attempt is abandoned without a verdict on its endpoint (as when a client leaves). */
  @Override
  public void close() {
    if (!over) {
      over = true;
      planner.abandoned(signalbox.now(), answeredBy != null, "abandoned by the caller");
      planner.finished();
    }
  }

  /** The attempts as lines. */
  static final class Log implements AttemptLog {
    private final List<String> lines = new ArrayList<>(2);

    @Override
    public void attempt(String endpointId, String outcome, double millis) {
      lines.add(endpointId + ": " + outcome + " (" + Math.round(millis) + " ms)");
    }

    @Override
    public void reroute(String from, String to, String reason) {
      lines.add("reroute " + from + " -> " + to + ": " + reason);
    }
  }
}
