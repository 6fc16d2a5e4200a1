package dev.signalbox.gateway.proxy;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.config.UpstreamConfig;
import dev.signalbox.core.graph.RouteGraph;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.EndpointHealth;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.gateway.DecisionRecord;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.net.ConnectException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client request on its way upstream. Runs on one event loop; every callback checks that it
 * still belongs to the current attempt, so late answers of abandoned attempts are ignored.
 *
 * <pre>
 *  first attempt: the routed model's pool strategy picks a replica
 *  later attempts: the route graph picks the cheapest healthy untried hop (other replicas, then
 *                  the route's fallback models), within max_attempts and the retry budget
 *
 *  send ─► 2xx ─► stream: relay each chunk as it comes (back-pressure, idle watchdog)
 *    │            JSON:   hold the body until it is complete, then send it whole
 *    │      4xx ─► relay as is (the caller's mistake, not the endpoint's)
 *    └─ connect error, reset, 429/5xx, no first byte in time, body cut short ─► next attempt
 * </pre>
 *
 * Anything that fails before the first byte of an answer reaches the client is retried or
 * rerouted, invisibly. While a stream waits for its first token the client gets SSE comments, so
 * idle proxies do not cut it. Once answer bytes have gone out, a failure ends a stream with an
 * SSE error event (a JSON answer larger than the hold limit with a reset connection): never a
 * silent truncation, never a duplicated partial answer. When no path is left the client gets an
 * OpenAI error that says what was tried and why each attempt failed.
 */
public final class ProxyCall {
  /** Error answers (relayed after their secrets are scrubbed) are held up to this size. */
  private static final int MAX_ERROR_HELD = 64 << 10;
  /** The longest a 429's Retry-After keeps an endpoint out. */
  private static final long MAX_COOL_DOWN_NANOS = 60_000_000_000L;
  /** Back-off waits per request, when nothing is usable now but something will be soon. */
  private static final int MAX_WAITS = 2;
  private static final long NONE = Long.MAX_VALUE;

  /** Why an attempt failed; decides ejection and the final status. */
  private enum Failure {
    CONNECT(true),
    RESET(true),
    TIMEOUT(true),
    SERVER_ERROR(true),
    /** 401/403: the endpoint refused the gateway's own credentials. */
    REFUSED_CREDENTIALS(true),
    /** A 2xx that is not what was asked for (HTML for a JSON request). */
    BAD_ANSWER(true),
    RATE_LIMITED(false);

    final boolean countsAgainstHealth;

    Failure(boolean countsAgainstHealth) {
      this.countsAgainstHealth = countsAgainstHealth;
    }
  }

  /** The event loop this call runs on, for its timers. */
  private final ScheduledExecutorService loop;
  private final UpstreamClient client;
  private final UpstreamConfig config;
  private final Upstreams upstreams;
  private final Catalog catalog;
  private final HttpServerResponse response;
  private final OpenAiRequest parsed;
  private final RouteRequest routeRequest;
  private final int promptTokens;
  private final Routed routed;
  private final DecisionRecord record;
  private final long startNanos;
  private final OverheadClock clock;
  private final Runnable onDone;

  private final Set<Endpoint> tried = new HashSet<>();
  private final List<String> failures = new ArrayList<>(2);
  private final UsageSniffer sniffer = new UsageSniffer();
  private Failure lastFailure;
  private String lastWhy;
  private int attemptSeq;
  private int waits;
  private Endpoint current;
  private boolean currentInFlight;
  private boolean currentIsTrial;
  private long attemptStartNanos;
  private UpstreamClient.Exchange exchange;
  /** The current attempt's answer head, once it came (not for a 429/408/5xx, which is retried). */
  private UpstreamClient.Head head;
  private boolean receiving;
  /** Deadlines in {@link System#nanoTime()}; {@link #NONE} when not running. */
  private long totalDeadline;
  private long firstByteDeadline = NONE;
  private long keepaliveDeadline = NONE;
  /** The one timer that watches every deadline above and the idle gap between chunks. */
  private ScheduledFuture<?> watchdog;
  private long watchdogAt = NONE;
  private long lastChunkNanos;
  private HeldAnswer held;
  private boolean headSent;
  private boolean dataSent;
  private boolean done;
  /** The record has its outcome (set just before the answer's last bytes go out). */
  private boolean settled;
  private ActiveCalls active;
  ProxyCall prevActive;
  ProxyCall nextActive;

  public ProxyCall(
      ScheduledExecutorService loop,
      UpstreamClient client,
      UpstreamConfig config,
      Upstreams upstreams,
      Catalog catalog,
      HttpServerResponse response,
      OpenAiRequest parsed,
      RouteRequest routeRequest,
      int promptTokens,
      Routed routed,
      DecisionRecord record,
      OverheadClock clock,
      Runnable onDone) {
    this.loop = loop;
    this.client = client;
    this.config = config;
    this.upstreams = upstreams;
    this.catalog = catalog;
    this.response = response;
    this.parsed = parsed;
    this.routeRequest = routeRequest;
    this.promptTokens = promptTokens;
    this.routed = routed;
    this.record = record;
    this.startNanos = clock.startNanos();
    this.clock = clock;
    this.onDone = onDone;
  }

  /** Starts the first attempt; the call is in {@code active} until it ends. */
  public void start(ActiveCalls active) {
    this.active = active;
    active.add(this);
    upstreams.retryBudget().recordRequest();
    response.closeHandler(v -> onClientGone());
    totalDeadline = startNanos + config.totalTimeout().toNanos();
    if (parsed.stream()) {
      keepaliveDeadline = System.nanoTime() + config.keepalive().toNanos();
    }
    nextAttempt();
    armWatchdog();
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
    long now = System.nanoTime();
    long next = Math.min(Math.min(totalDeadline, firstByteDeadline), keepaliveDeadline);
    long idleAt = lastChunkNanos + config.idleTimeout().toNanos();
    if (receiving || (firstByteDeadline != NONE && idleAt > now)) {
      next = Math.min(next, idleAt);
    }
    if (watchdog != null) {
      if (watchdogAt <= next) {
        return;
      }
      watchdog.cancel(false);
    }
    watchdogAt = next;
    watchdog = loop.schedule(this::onWatchdog, Math.max(1_000, next - now), TimeUnit.NANOSECONDS);
  }

  private void onWatchdog() {
    watchdog = null;
    watchdogAt = NONE;
    if (done) {
      return;
    }
    clock.resume();
    long now = System.nanoTime();
    if (now >= totalDeadline) {
      onTotalTimeout();
    } else if (now >= firstByteDeadline) {
      firstByteDeadline = NONE;
      attemptFailed(attemptSeq, Failure.TIMEOUT, "no response within " + config.firstByteTimeout().toMillis() + " ms");
    } else if (receiving && now - lastChunkNanos >= config.idleTimeout().toNanos()) {
      if (!dataSent) {
        attemptFailed(attemptSeq, Failure.TIMEOUT, "no data for " + config.idleTimeout().toMillis() + " ms mid-answer");
      } else {
        current.health().recordFailure(now, "idle timeout");
        broken("no data from the upstream for " + config.idleTimeout().toMillis() + " ms");
      }
    } else if (now >= keepaliveDeadline) {
      keepAlive();
    }
    armWatchdog();
    if (!done) {
      clock.awaitUpstream();
    }
  }

  // ---- choosing where to send ----------------------------------------------------------------

  private void nextAttempt() {
    if (done) {
      return;
    }
    long now = System.nanoTime();
    boolean first = tried.isEmpty();
    Optional<RouteGraph.Hop> hop = first ? firstHop() : Optional.empty();
    boolean viaGraph = hop.isEmpty();
    if (viaGraph) {
      hop = graphHop(now);
    }
    if (hop.isEmpty()) {
      if (!first && tried.size() >= config.maxAttempts()) {
        failAll("gave up after " + tried.size() + " attempts (upstream.max_attempts)");
      } else if (!waitForAnEndpoint(now)) {
        failAll(null);
      }
      return;
    }
    Endpoint to = hop.get().endpoint();
    if (!first && !upstreams.retryBudget().tryRetry()) {
      upstreams.log().count("retry_budget_exhausted");
      to.health().breaker().release();
      failAll("the retry budget is spent (retries already make up upstream.retry_budget.ratio of recent traffic)");
      return;
    }
    if (viaGraph) {
      String from = first ? routed.model() : current.id();
      String why = first ? "no usable endpoint of " + routed.model() : lastWhy;
      boolean fallback = !hop.get().model().equals(first ? routed.model() : current.model());
      record.reroute(from, to.id(), why);
      upstreams.log().record(fallback ? "fallback" : "reroute", from + " -> " + to.id(),
          why + " (request " + record.requestId() + ")");
    }
    send(hop.get().model(), to);
  }

  /** The routed model's own pool strategy places the first attempt. */
  private Optional<RouteGraph.Hop> firstHop() {
    return upstreams.pool(routed.model()).select(routeRequest, tried)
        .map(e -> new RouteGraph.Hop(routed.model(), e, 0));
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
      Optional<RouteGraph.Hop> hop = upstreams.graph().next(routed.model(), routed.fallbacks(),
          parsed.operation(), promptTokens, parsed.maxTokens(), skip, now);
      if (hop.isEmpty() || hop.get().endpoint().health().tryAcquire(now)) {
        return hop;
      }
      skip.add(hop.get().endpoint()); // another request took its half-open trial first
    }
    return Optional.empty();
  }

  /**
   * When nothing is usable now but an untried endpoint will be soon (a short Retry-After, a
   * circuit about to let a trial through), waits a jittered back-off and tries again.
   */
  private boolean waitForAnEndpoint(long now) {
    if (waits >= MAX_WAITS || tried.size() >= config.maxAttempts()) {
      return false;
    }
    long soonest = Long.MAX_VALUE;
    for (String model : candidateModels()) {
      for (Endpoint e : upstreams.pool(model).endpoints()) {
        if (!tried.contains(e)) {
          soonest = Math.min(soonest, e.health().nanosUntilAvailable(now));
        }
      }
    }
    long maxWait = config.backoff().max().toNanos();
    long remaining = config.totalTimeout().toNanos() - (now - startNanos);
    if (soonest > maxWait || soonest >= remaining) {
      return false;
    }
    waits++;
    long base = Math.min(maxWait, config.backoff().base().toNanos() << Math.min(waits, 20));
    long jitter = ThreadLocalRandom.current().nextLong(base + 1);
    long delayMs = Math.max(1, Math.max(soonest, jitter) / 1_000_000);
    int seq = attemptSeq;
    loop.schedule(() -> {
      if (seq == attemptSeq && !done) {
        clock.resume();
        nextAttempt();
      }
    }, delayMs, TimeUnit.MILLISECONDS);
    clock.awaitUpstream(); // a back-off wait is not the gateway's work
    return true;
  }

  private List<String> candidateModels() {
    List<String> models = new ArrayList<>(1 + routed.fallbacks().size());
    models.add(routed.model());
    models.addAll(routed.fallbacks());
    return models;
  }

  // ---- one attempt ---------------------------------------------------------------------------

  private void send(String model, Endpoint endpoint) {
    int seq = ++attemptSeq;
    long now = System.nanoTime();
    tried.add(endpoint);
    current = endpoint;
    currentInFlight = true;
    currentIsTrial = endpoint.health().state(now) == EndpointHealth.State.HALF_OPEN;
    endpoint.started();
    attemptStartNanos = now;
    exchange = null;
    head = null;
    receiving = false;
    dropHeld();
    CharSequence accept = parsed.stream() ? ProxyHeaders.EVENT_STREAM : ProxyHeaders.APPLICATION_JSON;
    CharSequence[] headers = endpoint.apiKey() == null
        ? new CharSequence[] {HttpHeaders.ACCEPT, accept, ProxyHeaders.REQUEST_ID, record.requestId()}
        : new CharSequence[] {HttpHeaders.ACCEPT, accept, ProxyHeaders.REQUEST_ID, record.requestId(),
            HttpHeaders.AUTHORIZATION, "Bearer " + endpoint.apiKey().reveal()};
    firstByteDeadline = now + config.firstByteTimeout().toNanos();
    lastChunkNanos = now;
    armWatchdog();
    UpstreamClient.Exchange sent = client.send(UpstreamAddress.of(endpoint), parsed.operation(), headers,
        parsed.bodyFor(endpoint.upstreamModel()), config.connectTimeout().toMillis(), new Attempt(seq));
    if (seq == attemptSeq && !done) {
      exchange = sent;
    }
    clock.awaitUpstream();
  }

  /**
   * Hears one attempt's exchange; once the attempt is retired (a retry, a timeout, the end) its
   * reports are dropped. A 429, 408 or 5xx answer is read whole before the attempt fails, for
   * the error message it carries.
   */
  private final class Attempt implements UpstreamClient.Listener {
    private static final int MAX_ERROR_BYTES = 64 << 10;
    private final int seq;
    private Buffer errorBody;
    private int errorStatus;
    private long coolDown;

    Attempt(int seq) {
      this.seq = seq;
    }

    private boolean retired() {
      return seq != attemptSeq || done;
    }

    @Override
    public void onConnectFailed(Throwable cause) {
      if (!retired()) {
        clock.resume();
        if (cause instanceof VirtualMachineError) {
          outOfResources(cause);
        } else {
          attemptFailed(seq, Failure.CONNECT, UpstreamText.describe(cause));
        }
      }
    }

    @Override
    public void onHead(UpstreamClient.Head answer) {
      if (retired()) {
        return;
      }
      int status = answer.status();
      if (status == 429 || status == 408 || status >= 500 || status == 401 || status == 403) {
        errorStatus = status;
        coolDown = retryAfterNanos(answer.retryAfter());
        errorBody = Buffer.buffer();
      } else if (status < 300 && !expectedContentType(answer.contentType())) {
        clock.resume();
        attemptFailed(seq, Failure.BAD_ANSWER, "HTTP " + status + " with content type " + answer.contentType()
            + ", not " + (parsed.stream() ? "an event stream" : "JSON"));
      } else {
        head = answer;
      }
    }

    @Override
    public void onChunk(Buffer chunk) {
      if (retired()) {
        return;
      }
      if (errorBody == null) {
        ProxyCall.this.onChunk(chunk);
      } else if (errorBody.length() < MAX_ERROR_BYTES) {
        errorBody.appendBuffer(chunk);
      }
    }

    @Override
    public void onEnd() {
      if (retired()) {
        return;
      }
      if (errorBody == null) {
        ProxyCall.this.onEnd();
      } else {
        clock.resume();
        errorAnswer(seq, errorStatus, coolDown, upstreams.text().errorMessage(errorBody));
      }
    }

    @Override
    public void onFailed(Throwable cause) {
      if (retired()) {
        return;
      }
      clock.resume();
      if (cause instanceof VirtualMachineError) {
        outOfResources(cause); // the gateway's own exhaustion: not the endpoint's fault, and no retry
      } else if (errorBody != null) {
        errorAnswer(seq, errorStatus, coolDown, "");
      } else if (head == null) {
        attemptFailed(seq, Failure.RESET, UpstreamText.describe(cause));
      } else {
        onBodyError(seq, cause);
      }
    }
  }

  /** A 429, 408 or 5xx answer: the attempt failed; a 429 (or any Retry-After) cools the endpoint. */
  private void errorAnswer(int seq, int status, long coolDown, String detail) {
    if (status == 429 || coolDown > 0) {
      current.health().coolDown(System.nanoTime() + (coolDown > 0 ? coolDown : config.backoff().max().toNanos()));
    }
    Failure kind = status == 429 ? Failure.RATE_LIMITED : status == 408 ? Failure.TIMEOUT
        : status == 401 || status == 403 ? Failure.REFUSED_CREDENTIALS : Failure.SERVER_ERROR;
    String what = kind == Failure.REFUSED_CREDENTIALS ? " (the endpoint refused the gateway's credentials)" : "";
    attemptFailed(seq, kind, "HTTP " + status + what + (detail.isEmpty() ? "" : ": " + detail));
  }

  private void onChunk(Buffer chunk) {
    clock.resume();
    lastChunkNanos = System.nanoTime();
    if (!receiving) {
      firstBodyByte();
    }
    sniffer.accept(chunk);
    if (held != null) {
      if (held.append(chunk)) {
        clock.awaitUpstream();
        return;
      }
      // past the hold limit (this answer's or every held answer's): relay it as it comes
      HeldAnswer soFar = held;
      held = null;
      startAnswer();
      soFar.releaseWhenWritten(response.write(soFar.bytes()));
    } else {
      startAnswer();
      if (parsed.stream() && head.status() < 300 && endsWithDone(chunk)) {
        settle(head.status(), null); // a client may act on [DONE] before the upstream's end arrives
      }
    }
    response.write(chunk);
    if (response.writeQueueFull()) {
      UpstreamClient.Exchange upstream = exchange;
      upstream.pause();
      response.drainHandler(v -> upstream.resume());
    }
    clock.awaitUpstream();
  }

  /** The first byte of an answer body: the endpoint is alive; a JSON answer starts being held. */
  private void firstBodyByte() {
    receiving = true;
    firstByteDeadline = NONE;
    long now = System.nanoTime();
    int status = head.status();
    if (status < 400) {
      current.health().recordSuccess(now, (now - attemptStartNanos) / 1e6);
    }
    // held: a JSON answer (to retry one cut short), and any error answer (to scrub it of secrets)
    if (status < 300 ? !parsed.stream() : true) {
      held = new HeldAnswer(upstreams.heldAnswers(), status < 300 ? config.maxHeldBytes() : MAX_ERROR_HELD,
          head.contentLength());
    }
  }

  private void onEnd() {
    clock.resume();
    if (!receiving) {
      firstBodyByte();
    }
    int status = head.status();
    HeldAnswer whole = held;
    held = null;
    Buffer body = whole == null ? null : whole.bytes();
    if (body != null && status >= 300) {
      body = upstreams.text().relayed(body);
    }
    if (headSent && !dataSent && status >= 300) {
      // a stream already announced with keep-alives: the upstream's error becomes an SSE event
      Buffer error = body != null ? body : Buffer.buffer();
      String why = "HTTP " + status + " after keep-alives: " + upstreams.text().errorMessage(error);
      settle(status, why);
      response.end(Buffer.buffer("data: ").appendBuffer(error).appendString("\n\n"));
      if (whole != null) {
        whole.release();
      }
      finish(status, why);
      return;
    }
    startAnswer();
    settle(status, null); // before the last bytes: a client that has the answer finds it recorded
    if (body != null) {
      response.putHeader("content-length", String.valueOf(body.length()));
      whole.releaseWhenWritten(response.end(body));
    } else {
      response.end();
    }
    finish(status, null);
  }

  private void onBodyError(int seq, Throwable t) {
    if (!dataSent) {
      attemptFailed(seq, Failure.RESET, "answer cut short: " + UpstreamText.describe(t));
    } else {
      current.health().recordFailure(System.nanoTime(), "cut mid-answer: " + UpstreamText.describe(t));
      broken("the upstream connection failed mid-response: " + UpstreamText.describe(t));
    }
  }

  /**
   * Called before the first answer byte goes to the client: from here on the response belongs
   * to this attempt and can no longer be retried.
   */
  private void startAnswer() {
    if (dataSent) {
      return;
    }
    dataSent = true;
    keepaliveDeadline = NONE;
    long now = System.nanoTime();
    record.attempt(current.id(), DecisionRecord.answered(head.status()), (now - attemptStartNanos) / 1e6);
    record.served(current.id(), current.model(), (now - startNanos) / 1e6);
    if (!headSent) {
      sendHead();
    }
  }

  /** Sends the status and headers: the upstream's, or before it answered (a keep-alive) a 200 stream. */
  private void sendHead() {
    headSent = true;
    keepaliveDeadline = NONE;
    if (head == null) {
      response.setStatusCode(200).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
      response.setChunked(true);
      return;
    }
    if (head.status() != 200) { // the default, and setting it costs a status lookup
      response.setStatusCode(head.status());
    }
    MultiMap headers = response.headers();
    headers.add(ProxyHeaders.ENDPOINT, ProxyHeaders.configured(current.id()));
    if (!current.model().equals(routed.model())) {
      headers.set(ProxyHeaders.MODEL, ProxyHeaders.configured(current.model())); // a fallback answered
    }
    headers.add(ProxyHeaders.OVERHEAD, Long.toString(clock.ownMicros()));
    String contentType = head.contentType();
    if (contentType != null) {
      headers.add(HttpHeaders.CONTENT_TYPE, contentType);
    }
    if (parsed.stream()) {
      headers.add(HttpHeaders.CACHE_CONTROL, ProxyHeaders.NO_CACHE);
    }
    if (head.contentEncoding() != null) {
      headers.add(HttpHeaders.CONTENT_ENCODING, head.contentEncoding());
    }
    if (head.location() != null) {
      headers.add(HttpHeaders.LOCATION, head.location());
    }
    String length = head.contentLength();
    if (held == null && length != null) {
      headers.add(HttpHeaders.CONTENT_LENGTH, length);
    } else if (held == null) {
      response.setChunked(true);
    }
  }

  /** While a stream waits for its first token, keeps the client connection busy. */
  private void keepAlive() {
    if (!headSent) {
      sendHead();
    }
    response.write(": keep-alive\n\n");
    keepaliveDeadline = System.nanoTime() + config.keepalive().toNanos();
  }

  private void attemptFailed(int seq, Failure kind, String why) {
    if (seq != attemptSeq || done) {
      return;
    }
    long now = System.nanoTime();
    firstByteDeadline = NONE;
    abandonCurrent();
    if (kind.countsAgainstHealth) {
      current.health().recordFailure(now, why);
    } else if (currentIsTrial) {
      current.health().breaker().release();
    }
    record.attempt(current.id(), why, (now - attemptStartNanos) / 1e6);
    failures.add(current.id() + ": " + why);
    lastFailure = kind;
    lastWhy = why;
    nextAttempt();
  }

  /**
   * Stops the current attempt's upstream exchange and releases its in-flight slot. The attempt
   * is retired first, because a reset fires its callbacks at once and they must find it stale.
   */
  private void abandonCurrent() {
    attemptSeq++;
    dropHeld();
    if (exchange != null) {
      exchange.reset();
      exchange = null;
    }
    if (currentInFlight) {
      currentInFlight = false;
      current.finished();
    }
  }

  // ---- endings ---------------------------------------------------------------------------------

  private void failAll(String stoppedBecause) {
    int status;
    String type = "server_error";
    String code;
    long retryAfter = 0;
    if (failures.isEmpty()) {
      status = 503;
      code = "no_upstream_available";
    } else if (lastFailure == Failure.TIMEOUT) {
      status = 504;
      code = "upstream_timeout";
    } else if (lastFailure == Failure.REFUSED_CREDENTIALS) {
      status = 502;
      code = "upstream_auth_failed";
    } else if (lastFailure == Failure.RATE_LIMITED) {
      status = 429;
      type = "rate_limit_error";
      code = "upstream_rate_limited";
      retryAfter = soonestAvailableNanos();
    } else {
      status = 502;
      code = "upstream_error";
    }
    StringBuilder message = new StringBuilder();
    if (failures.isEmpty()) {
      message.append("No endpoint of model '").append(routed.model()).append("'")
          .append(routed.fallbacks().isEmpty() ? "" : " or its fallbacks " + routed.fallbacks())
          .append(" is usable now: ").append(unusableSummary()).append('.');
    } else {
      message.append("Model '").append(routed.model()).append("' failed on every path tried (")
          .append(failures.size()).append(failures.size() == 1 ? " attempt" : " attempts").append("): ")
          .append(String.join("; ", failures)).append('.');
      if (stoppedBecause != null) {
        message.append(" Stopped: ").append(stoppedBecause).append('.');
      } else {
        message.append(" Nothing else is usable: ").append(unusableSummary()).append('.');
      }
    }
    if (retryAfter > 0 && !headSent) {
      response.putHeader("retry-after", String.valueOf(Math.max(1, (retryAfter + 999_999_999L) / 1_000_000_000L)));
    }
    upstreams.log().note("escalation", routed.model(), message + " (request " + record.requestId() + ")");
    fail(new OpenAiError(status, type, code, null, message.toString()));
  }

  /** What every endpoint the request could use is doing, for an error message. */
  private String unusableSummary() {
    long now = System.nanoTime();
    List<String> parts = new ArrayList<>();
    for (String model : candidateModels()) {
      for (Endpoint e : upstreams.pool(model).endpoints()) {
        if (!tried.contains(e)) {
          parts.add(e.id() + " " + e.health().state(now).name().toLowerCase());
        }
      }
    }
    return parts.isEmpty() ? "every endpoint was tried" : String.join(", ", parts);
  }

  private long soonestAvailableNanos() {
    long now = System.nanoTime();
    long soonest = Long.MAX_VALUE;
    for (String model : candidateModels()) {
      for (Endpoint e : upstreams.pool(model).endpoints()) {
        soonest = Math.min(soonest, e.health().nanosUntilAvailable(now));
      }
    }
    return soonest == Long.MAX_VALUE ? 0 : soonest;
  }

  /** Ends with an error: an OpenAI error body, or an SSE error event when the head went out. */
  private void fail(OpenAiError error) {
    if (done) {
      return;
    }
    if (!headSent) {
      response.setStatusCode(error.status()).putHeader("content-type", "application/json").end(error.json());
    } else if (!response.ended()) {
      response.end("data: " + error.json() + "\n\n");
    }
    finish(error.status(), error.getMessage());
  }

  /** Ends a response whose answer bytes have gone out: an SSE error event, else a reset. */
  private void broken(String why) {
    if (done) {
      return;
    }
    abandonCurrent();
    upstreams.log().count("answer_interrupted");
    if (parsed.stream()) {
      OpenAiError error = new OpenAiError(502, "server_error", "stream_interrupted", null,
          "The response was interrupted: " + why + ". The partial answer above is incomplete.");
      response.end("data: " + error.json() + "\n\n");
    } else {
      response.reset();
    }
    finish(502, why);
  }

  private void onTotalTimeout() {
    String why = "the request took longer than " + config.totalTimeout().toMillis() + " ms";
    if (dataSent) {
      broken(why);
      return;
    }
    abandonCurrent();
    if (current != null) {
      if (currentIsTrial) {
        current.health().breaker().release();
      }
      record.attempt(current.id(), "stopped: " + why, (System.nanoTime() - attemptStartNanos) / 1e6);
      failures.add(current.id() + ": " + why);
    }
    fail(new OpenAiError(504, "server_error", "upstream_timeout", null,
        "Model '" + routed.model() + "' did not answer in time: " + String.join("; ", failures)));
  }

  private void onClientGone() {
    clock.resume();
    if (done) {
      return;
    }
    abandonCurrent();
    if (current != null && currentIsTrial && !receiving) {
      current.health().breaker().release();
    }
    finish(499, "the client closed the connection");
  }

  /** Records the outcome (usage first: the record's listeners read it); once. */
  private void settle(int status, String error) {
    if (settled) {
      return;
    }
    settled = true;
    long[] usage = sniffer.usage();
    if (usage != null && current != null) {
      record.usage(usage[0], usage[1], catalog.get(current.model()).cost(usage[0], usage[1]));
    }
    record.finished(status, (System.nanoTime() - startNanos) / 1e6, error);
  }

  private void finish(int status, String error) {
    done = true;
    dropHeld();
    if (active != null) {
      active.remove(this);
    }
    if (watchdog != null) {
      watchdog.cancel(false);
      watchdog = null;
    }
    if (currentInFlight) {
      currentInFlight = false;
      current.finished();
    }
    settle(status, error);
    onDone.run();
  }

  private void dropHeld() {
    if (held != null) {
      held.release();
      held = null;
    }
  }

  /**
   * The gateway itself ran out of memory relaying the answer: the endpoint is not blamed and
   * nothing is retried (another attempt would only add load); the client gets a 503.
   */
  private void outOfResources(Throwable cause) {
    abandonCurrent();
    if (currentIsTrial) {
      current.health().breaker().release();
    }
    record.attempt(current.id(), "gateway out of memory: " + UpstreamText.describe(cause),
        (System.nanoTime() - attemptStartNanos) / 1e6);
    upstreams.log().count("gateway_out_of_memory");
    if (dataSent) {
      broken("the gateway ran out of memory");
      return;
    }
    response.putHeader("retry-after", "1");
    fail(new OpenAiError(503, "server_error", "gateway_overloaded", null,
        "The gateway ran out of memory while relaying the answer; retry shortly."));
  }

  /** Ends the call now (shutdown): a stream gets an SSE error event, a request not yet answered a 503. */
  void abort(String why) {
    if (done) {
      return;
    }
    clock.resume();
    if (dataSent) {
      broken(why);
      return;
    }
    abandonCurrent();
    if (current != null && currentIsTrial) {
      current.health().breaker().release();
    }
    if (!headSent) {
      response.putHeader("connection", "close");
    }
    fail(new OpenAiError(503, "server_error", "gateway_shutting_down", null, "The request was stopped: " + why + "."));
  }

  private static final byte[] DONE = "data: [DONE]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Whether an SSE chunk ends with the stream's last event, {@code data: [DONE]}. */
  static boolean endsWithDone(Buffer chunk) {
    int end = chunk.length();
    while (end > 0 && (chunk.getByte(end - 1) == '\n' || chunk.getByte(end - 1) == '\r')) {
      end--;
    }
    if (end < DONE.length) {
      return false;
    }
    for (int i = 0; i < DONE.length; i++) {
      if (chunk.getByte(end - DONE.length + i) != DONE[i]) {
        return false;
      }
    }
    return true;
  }

  /** What a 2xx answer may be labelled: JSON, or for a stream an event stream; unlabelled ones pass. */
  private boolean expectedContentType(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(java.util.Locale.ROOT);
    return type.contains("json") || (parsed.stream() && type.startsWith("text/event-stream"));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A Retry-After header (seconds or an HTTP date) in nanoseconds, capped; 0 when absent or bad. */
  static long retryAfterNanos(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    long nanos;
    try {
      nanos = (long) (Double.parseDouble(header.trim()) * 1e9);
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        nanos = (at.toInstant().toEpochMilli() - System.currentTimeMillis()) * 1_000_000;
      } catch (RuntimeException bad) {
        return 0;
      }
    }
    return Math.max(0, Math.min(nanos, MAX_COOL_DOWN_NANOS));
  }


}
