package dev.signalbox.gateway.proxy;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.config.UpstreamConfig;
import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.core.upstream.AttemptFailure;
import dev.signalbox.core.upstream.AttemptPlanner;
import dev.signalbox.core.upstream.UpstreamError;
import dev.signalbox.gateway.DecisionRecord;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/**
 * One client request on its way upstream: the relay. Where each attempt goes is the {@link
 * AttemptPlanner}'s; the call sends it, watches its deadlines, hears its answer, and hands the
 * answer to the {@link ClientAnswer}. Runs on one thread (its event loop); every callback checks
 * that it still belongs to the current attempt, so late answers of abandoned attempts are ignored.
 *
 * <pre>
 *  send ─► 2xx ─► stream: relay each chunk as it comes (back-pressure, idle watchdog)
 *    │            JSON:   hold the body until it is complete, then send it whole
 *    │      4xx ─► relay as is (the caller's mistake, not the endpoint's), scrubbed of keys
 *    └─ connect error, reset, 401/403/408/429/5xx, a 2xx not JSON, no first byte in time,
 *       body cut short ─► planner.failed, then planner.next: another attempt, a wait, or the end
 * </pre>
 *
 * Anything that fails before the first byte of an answer reaches the client is retried or
 * rerouted, invisibly. While a stream waits for its first token the client gets SSE comments, so
 * idle proxies do not cut it. Once answer bytes have gone out, a failure ends a stream with an
 * SSE error event (a JSON answer larger than the hold limit with a reset connection): never a
 * silent truncation, never a duplicated partial answer.
 */
public final class ProxyCall {
  private static final long NONE = Long.MAX_VALUE;

  private final ProxyContext context;
  private final UpstreamConfig config;
  private final OpenAiRequest parsed;
  private final DecisionRecord record;
  private final long startNanos;
  private final OverheadClock clock;
  private final CallObserver observer;
  private final AttemptPlanner planner;
  private final ClientAnswer answer;
  private final UsageSniffer sniffer = new UsageSniffer();

  private int attemptSeq;
  private UpstreamClient.Exchange exchange;
  private boolean receiving;
  /** Deadlines in the context's clock; {@link #NONE} when not running. */
  private long totalDeadline;
  private long firstByteDeadline = NONE;
  private long keepaliveDeadline = NONE;
  /** The one timer that watches every deadline above and the idle gap between chunks. */
  private Timers.Timer watchdog;
  private long watchdogAt = NONE;
  private long lastChunkNanos;
  private boolean done;
  /** The record has its outcome (set just before the answer's last bytes go out). */
  private boolean settled;
  ProxyCall prevActive;
  ProxyCall nextActive;

  /**
   * @param response the client's response (the gateway has set its route and model headers)
   * @param routed the route's decision: the model, and the fallbacks it allows
   * @param observer hears the call's outcome (before the answer's last bytes) and its end
   */
  public ProxyCall(ProxyContext context, ClientResponse response, OpenAiRequest parsed, RouteRequest routeRequest,
      int promptTokens, Routed routed, DecisionRecord record, OverheadClock clock, CallObserver observer) {
    this.context = context;
    this.config = context.config();
    this.parsed = parsed;
    this.record = record;
    this.startNanos = clock.startNanos();
    this.clock = clock;
    this.observer = observer;
    this.planner = new AttemptPlanner(context.upstreams(), config, routeRequest, routed.model(), routed.fallbacks(),
        promptTokens, startNanos, record, context.jitter());
    this.answer = new ClientAnswer(response, parsed.stream(), routed.model(), context, clock);
    response.onClose(this::onClientGone);
  }

  /** Starts the first attempt; the call is among its event loop's calls in flight until it ends. */
  public void start() {
    context.active().add(this);
    totalDeadline = startNanos + config.totalTimeout().toNanos();
    if (parsed.stream()) {
      keepaliveDeadline = now() + config.keepalive().toNanos();
    }
    nextAttempt();
    armWatchdog();
  }

  private long now() {
    return context.clock().getAsLong();
  }

  // ---- deadlines -----------------------------------------------------------------------------

  /**
   * Sets the watchdog for the earliest deadline, unless it already wakes up earlier. A deadline
   * that goes away (the first byte came) costs an early wake-up rather than a cancel, and the idle
   * gap is counted from the send until the first byte, so a request that is answered in time sets
   * one timer and cancels it once.
   */
  private void armWatchdog() {
    if (done) {
      return;
    }
    long now = now();
    long next = Math.min(Math.min(totalDeadline, firstByteDeadline), keepaliveDeadline);
    long idleAt = lastChunkNanos + config.idleTimeout().toNanos();
    if (receiving || (firstByteDeadline != NONE && idleAt > now)) {
      next = Math.min(next, idleAt);
    }
    if (watchdog != null) {
      if (watchdogAt <= next) {
        return;
      }
      watchdog.cancel();
    }
    watchdogAt = next;
    watchdog = context.timers().schedule(this::onWatchdog, Math.max(1_000, next - now));
  }

  private void onWatchdog() {
    watchdog = null;
    watchdogAt = NONE;
    if (done) {
      return;
    }
    clock.resume();
    long now = now();
    if (now >= totalDeadline) {
      onTotalTimeout(now);
    } else if (now >= firstByteDeadline) {
      attemptFailed(attemptSeq, AttemptFailure.TIMEOUT,
          "no response within " + config.firstByteTimeout().toMillis() + " ms", 0);
    } else if (receiving && now - lastChunkNanos >= config.idleTimeout().toNanos()) {
      if (!answer.dataSent()) {
        attemptFailed(attemptSeq, AttemptFailure.TIMEOUT,
            "no data for " + config.idleTimeout().toMillis() + " ms mid-answer", 0);
      } else {
        planner.brokeMidAnswer(now, "idle timeout");
        broken("no data from the upstream for " + config.idleTimeout().toMillis() + " ms");
      }
    } else if (now >= keepaliveDeadline) {
      answer.keepAlive();
      keepaliveDeadline = now + config.keepalive().toNanos();
    }
    armWatchdog();
    if (!done) {
      clock.awaitUpstream();
    }
  }

  // ---- attempts ------------------------------------------------------------------------------

  /** Asks the planner where to go next, and goes: an attempt, a wait, or the end. */
  private void nextAttempt() {
    if (done) {
      return;
    }
    AttemptPlanner.Step step = planner.next(now());
    if (step instanceof AttemptPlanner.Send send) {
      send(send.hop().endpoint());
    } else if (step instanceof AttemptPlanner.Wait wait) {
      int seq = attemptSeq;
      context.timers().schedule(() -> {
        if (seq == attemptSeq && !done) {
          clock.resume();
          nextAttempt();
        }
      }, wait.nanos());
      clock.awaitUpstream(); // a back-off wait is not the gateway's work
    } else {
      fail(((AttemptPlanner.GiveUp) step).error());
    }
  }

  private void send(Endpoint endpoint) {
    int seq = ++attemptSeq;
    long now = now();
    exchange = null;
    receiving = false;
    answer.newAttempt();
    CharSequence accept = parsed.stream() ? ProxyHeaders.EVENT_STREAM : ProxyHeaders.APPLICATION_JSON;
    CharSequence[] headers = endpoint.apiKey() == null
        ? new CharSequence[] {HttpHeaders.ACCEPT, accept, ProxyHeaders.REQUEST_ID, record.requestId()}
        : new CharSequence[] {HttpHeaders.ACCEPT, accept, ProxyHeaders.REQUEST_ID, record.requestId(),
            HttpHeaders.AUTHORIZATION, "Bearer " + endpoint.apiKey().reveal()};
    firstByteDeadline = now + config.firstByteTimeout().toNanos();
    lastChunkNanos = now;
    armWatchdog();
    UpstreamClient.Exchange sent = context.client().send(UpstreamAddress.of(endpoint), parsed.operation(), headers,
        parsed.bodyFor(endpoint.upstreamModel()), config.connectTimeout().toMillis(), new AttemptListener(this, seq, parsed.stream(), context.text()));
    if (seq == attemptSeq && !done) {
      exchange = sent;
    }
    clock.awaitUpstream();
  }

  /** Whether reports for attempt {@code seq} are stale (a retry, a timeout, the end came first). */
  boolean retired(int seq) {
    return seq != attemptSeq || done;
  }

  void attemptFailed(int seq, AttemptFailure how, String why, long retryAfterNanos) {
    if (retired(seq)) {
      return;
    }
    clock.resume();
    firstByteDeadline = NONE;
    abandonExchange();
    planner.failed(now(), how, why, retryAfterNanos);
    nextAttempt();
  }

  /** A head the relay acts on (not one the listener turned into a failure). */
  void onHead(UpstreamClient.Head head) {
    answer.head(head);
  }

  void onChunk(Buffer chunk) {
    clock.resume();
    lastChunkNanos = now();
    if (!receiving) {
      firstBodyByte();
    }
    sniffer.accept(chunk);
    if (answer.hold(chunk)) {
      clock.awaitUpstream();
      return;
    }
    startAnswer();
    if (parsed.stream() && answer.status() < 300 && UsageSniffer.endsWithDone(chunk)) {
      settle(answer.status(), null); // a client may act on [DONE] before the upstream's end arrives
    }
    answer.write(chunk, planner.current());
    if (answer.writeQueueFull()) {
      UpstreamClient.Exchange upstream = exchange;
      upstream.pause();
      answer.onDrain(upstream::resume);
    }
    clock.awaitUpstream();
  }

  /** The first byte of an answer body: the endpoint is alive; a JSON answer starts being held. */
  private void firstBodyByte() {
    receiving = true;
    firstByteDeadline = NONE;
    planner.answered(now(), answer.status());
    answer.firstByte();
  }

  void onEnd() {
    clock.resume();
    if (!receiving) {
      firstBodyByte();
    }
    int status = answer.status();
    if (!answer.endsAsStreamError()) {
      startAnswer();
    }
    String[] error = new String[1];
    // the outcome is recorded before the last bytes: a client that has the answer finds it recorded
    answer.end(planner.current(), why -> {
      error[0] = why;
      settle(status, why);
    });
    finish(status, error[0]);
  }

  /** The answer broke after it began, or before anything of it reached the client (then it is retried). */
  void onBodyError(int seq, Throwable cause) {
    if (!answer.dataSent()) {
      attemptFailed(seq, AttemptFailure.RESET, "answer cut short: " + UpstreamText.describe(cause), 0);
    } else if (!retired(seq)) {
      clock.resume();
      planner.brokeMidAnswer(now(), "cut mid-answer: " + UpstreamText.describe(cause));
      broken("the upstream connection failed mid-response: " + UpstreamText.describe(cause));
    }
  }

  /**
   * Called before the first answer byte goes to the client: from here on the response belongs
   * to this attempt and can no longer be retried.
   */
  private void startAnswer() {
    if (answer.dataSent()) {
      return;
    }
    keepaliveDeadline = NONE;
    long now = now();
    Endpoint served = planner.current();
    planner.served(now, DecisionRecord.answered(answer.status()));
    record.served(served.id(), (now - startNanos) / 1e6);
    answer.begin(served);
  }

  /**
   * Stops the current attempt's upstream exchange. The attempt is retired first, because a reset
   * fires its callbacks at once and they must find it stale.
   */
  private void abandonExchange() {
    attemptSeq++;
    answer.dropHeld();
    if (exchange != null) {
      exchange.reset();
      exchange = null;
    }
  }

  // ---- endings ---------------------------------------------------------------------------------

  /** The gateway itself ran out of memory relaying the answer: no endpoint is blamed, nothing retried (503). */
  void outOfResources(int seq, Throwable cause) {
    if (retired(seq)) {
      return;
    }
    clock.resume();
    abandonExchange();
    planner.abandoned(now(), false, "gateway out of memory: " + UpstreamText.describe(cause));
    context.upstreams().log().count("gateway_out_of_memory");
    if (answer.dataSent()) {
      broken("the gateway ran out of memory");
      return;
    }
    answer.header(HttpHeaders.RETRY_AFTER, "1");
    fail(new OpenAiError(503, "server_error", "gateway_overloaded", null,
        "The gateway ran out of memory while relaying the answer; retry shortly."), 0);
  }

  /** Ends the call now (shutdown): a stream gets an SSE error event, a request not yet answered a 503. */
  void abort(String why) {
    if (done) {
      return;
    }
    clock.resume();
    if (answer.dataSent()) {
      broken(why);
      return;
    }
    abandonExchange();
    planner.abandoned(now(), false, null);
    answer.header(HttpHeaders.CONNECTION, "close");
    fail(new OpenAiError(503, "server_error", "gateway_shutting_down", null, "The request was stopped: " + why + "."),
        0);
  }

  private void fail(UpstreamError error) {
    String type = error.rateLimited() ? "rate_limit_error" : "server_error";
    fail(new OpenAiError(error.status(), type, error.code(), null, error.message()), error.retryAfterNanos());
  }

  /** Ends with an error: an OpenAI error body, or an SSE error event when the head went out. */
  private void fail(OpenAiError error, long retryAfterNanos) {
    if (done) {
      return;
    }
    settle(error.status(), error.getMessage());
    answer.fail(error, retryAfterNanos);
    finish(error.status(), error.getMessage());
  }

  /** Ends a response whose answer bytes have gone out: an SSE error event, else a reset. */
  private void broken(String why) {
    if (done) {
      return;
    }
    abandonExchange();
    context.upstreams().log().count("answer_interrupted");
    settle(502, why);
    answer.broken(why);
    finish(502, why);
  }

  private void onTotalTimeout(long now) {
    String why = "the request took longer than " + config.totalTimeout().toMillis() + " ms";
    if (answer.dataSent()) {
      broken(why);
      return;
    }
    abandonExchange();
    fail(planner.timedOut(now, why));
  }

  private void onClientGone() {
    clock.resume();
    if (done) {
      return;
    }
    abandonExchange();
    planner.abandoned(now(), receiving, null);
    finish(499, "the client closed the connection");
  }

  /** Makes the request's outcome, once its usage is known, and tells the observer; once. */
  private void settle(int status, String error) {
    if (settled) {
      return;
    }
    settled = true;
    long[] usage = sniffer.usage();
    Endpoint served = answer.dataSent() ? planner.current() : null;
    Endpoint priced = served != null ? served : planner.current();
    boolean measured = usage != null && priced != null;
    observer.settled(new RequestOutcome(status, (now() - startNanos) / 1e6, measured ? usage[0] : -1,
        measured ? usage[1] : -1, measured ? context.catalog().get(priced.model()).cost(usage[0], usage[1]) : Double.NaN,
        served == null ? null : served.model(), error));
  }

  private void finish(int status, String error) {
    done = true;
    answer.dropHeld();
    context.active().remove(this);
    if (watchdog != null) {
      watchdog.cancel();
      watchdog = null;
    }
    planner.finished();
    settle(status, error);
    observer.done();
  }
}
