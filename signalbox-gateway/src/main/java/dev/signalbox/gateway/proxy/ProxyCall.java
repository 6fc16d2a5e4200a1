package dev.signalbox.gateway.proxy;

import dev.signalbox.core.config.UpstreamConfig;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.Pool;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.gateway.DecisionRecord;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.OpenAiRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One client request on its way upstream. Runs on one event loop; every callback checks that it
 * still belongs to the current attempt, so late answers of abandoned attempts are ignored.
 *
 * <pre>
 * pick endpoint ─► send ─► 2xx ─► first body chunk: commit headers, relay chunks as they come
 *      ▲             │      │                          (back-pressure, idle watchdog) ─► end
 *      │             │      └─ 4xx ─► relay as is (the caller's mistake, not the endpoint's)
 *      └── retry ◄───┴─ connect error, reset, 429/5xx, no first byte in time (nothing sent yet)
 * </pre>
 *
 * After the first byte has gone to the client a failure cannot be retried: a stream ends with an
 * SSE error event, a JSON response with a reset connection, never with a silent truncation.
 */
public final class ProxyCall {
  private static final System.Logger LOG = System.getLogger(ProxyCall.class.getName());

  /** Why an attempt failed; decides retry, ejection and the final status. */
  private enum Failure {
    CONNECT(true),
    RESET(true),
    TIMEOUT(true),
    SERVER_ERROR(true),
    OVERLOADED(false);

    final boolean countsAgainstHealth;

    Failure(boolean countsAgainstHealth) {
      this.countsAgainstHealth = countsAgainstHealth;
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final UpstreamConfig config;
  private final Pool pool;
  private final ModelSpec model;
  private final HttpServerResponse response;
  private final OpenAiRequest parsed;
  private final RouteRequest routeRequest;
  private final DecisionRecord record;
  private final long startNanos;
  private final OverheadClock clock;
  private final Runnable onDone;

  private final Set<Endpoint> tried = new HashSet<>();
  private final List<String> failures = new ArrayList<>(2);
  private Failure lastFailure;
  private int attemptSeq;
  private Endpoint current;
  private boolean currentInFlight;
  private long attemptStartNanos;
  private HttpClientRequest upstreamRequest;
  private HttpClientResponse upstreamResponse;
  private long firstByteTimer = -1;
  private long idleTimer = -1;
  private long totalTimer = -1;
  private long lastChunkNanos;
  private boolean committed;
  private boolean done;
  private final UsageSniffer sniffer = new UsageSniffer();

  public ProxyCall(
      Vertx vertx,
      HttpClient client,
      UpstreamConfig config,
      Pool pool,
      ModelSpec model,
      HttpServerResponse response,
      OpenAiRequest parsed,
      RouteRequest routeRequest,
      DecisionRecord record,
      OverheadClock clock,
      Runnable onDone) {
    this.vertx = vertx;
    this.client = client;
    this.config = config;
    this.pool = pool;
    this.model = model;
    this.response = response;
    this.parsed = parsed;
    this.routeRequest = routeRequest;
    this.record = record;
    this.startNanos = clock.startNanos();
    this.clock = clock;
    this.onDone = onDone;
  }

  /** Starts the first attempt. */
  public void start() {
    response.closeHandler(v -> onClientGone());
    totalTimer = vertx.setTimer(config.totalTimeout().toMillis(), id -> onTotalTimeout());
    nextAttempt();
  }

  private void nextAttempt() {
    if (done) {
      return;
    }
    Optional<Endpoint> pick =
        tried.size() >= config.maxAttempts() ? Optional.empty() : pool.select(routeRequest, tried);
    if (pick.isEmpty()) {
      failAll();
      return;
    }
    Endpoint endpoint = pick.get();
    int seq = ++attemptSeq;
    tried.add(endpoint);
    current = endpoint;
    currentInFlight = true;
    endpoint.started();
    attemptStartNanos = System.nanoTime();
    upstreamRequest = null;
    upstreamResponse = null;

    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(UpstreamUrls.of(endpoint, parsed.operation()))
        .setConnectTimeout(config.connectTimeout().toMillis())
        .putHeader(HttpHeaders.CONTENT_TYPE, ProxyHeaders.APPLICATION_JSON)
        .putHeader(HttpHeaders.ACCEPT, parsed.stream() ? ProxyHeaders.EVENT_STREAM : ProxyHeaders.APPLICATION_JSON)
        .putHeader(ProxyHeaders.REQUEST_ID, record.requestId());
    if (endpoint.apiKey() != null) {
      options.putHeader("authorization", "Bearer " + endpoint.apiKey().reveal());
    }
    long firstByteMs = config.firstByteTimeout().toMillis();
    firstByteTimer = vertx.setTimer(firstByteMs, id -> {
      if (seq == attemptSeq && !committed && !done) {
        clock.resume();
        attemptFailed(seq, Failure.TIMEOUT, "no response within " + firstByteMs + " ms");
      }
    });
    Buffer body = Buffer.buffer(parsed.bodyFor(endpoint.upstreamModel()));
    client.request(options).onComplete(ar -> onConnected(seq, ar, body));
  }

  private void onConnected(int seq, AsyncResult<HttpClientRequest> ar, Buffer body) {
    if (seq != attemptSeq || done) {
      if (ar.succeeded()) {
        ar.result().reset();
      }
      return;
    }
    if (ar.failed()) {
      attemptFailed(seq, Failure.CONNECT, describe(ar.cause()));
      return;
    }
    upstreamRequest = ar.result();
    upstreamRequest.send(body).onComplete(rar -> {
      if (seq != attemptSeq || done) {
        return;
      }
      clock.resume();
      if (rar.failed()) {
        attemptFailed(seq, Failure.RESET, describe(rar.cause()));
      } else {
        onResponse(seq, rar.result());
      }
    });
    clock.awaitUpstream();
  }

  private void onResponse(int seq, HttpClientResponse resp) {
    int status = resp.statusCode();
    if (status == 429 || status == 408 || status >= 500) {
      clock.awaitUpstream();
      resp.body().onComplete(b -> {
        if (seq == attemptSeq && !done) {
          clock.resume();
          String detail = b.succeeded() ? errorMessage(b.result()) : "";
          Failure kind = status == 429 ? Failure.OVERLOADED : status == 408 ? Failure.TIMEOUT : Failure.SERVER_ERROR;
          attemptFailed(seq, kind, "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail));
        }
      });
      return;
    }
    upstreamResponse = resp;
    resp.handler(chunk -> onChunk(seq, chunk));
    resp.endHandler(v -> onEnd(seq));
    resp.exceptionHandler(t -> onBodyError(seq, t));
    if (status >= 300) {
      commit();
    }
    clock.awaitUpstream();
  }

  private void onChunk(int seq, Buffer chunk) {
    if (seq != attemptSeq || done) {
      return;
    }
    clock.resume();
    lastChunkNanos = System.nanoTime();
    if (!committed) {
      commit();
    }
    sniffer.accept(chunk);
    response.write(chunk);
    if (response.writeQueueFull()) {
      HttpClientResponse upstream = upstreamResponse;
      upstream.pause();
      response.drainHandler(v -> upstream.resume());
    }
    clock.awaitUpstream();
  }

  private void onEnd(int seq) {
    if (seq != attemptSeq || done) {
      return;
    }
    clock.resume();
    if (!committed) {
      commit();
    }
    response.end();
    finish(upstreamResponse.statusCode(), null);
  }

  private void onBodyError(int seq, Throwable t) {
    if (seq != attemptSeq || done) {
      return;
    }
    clock.resume();
    if (!committed) {
      attemptFailed(seq, Failure.RESET, describe(t));
    } else {
      current.health().recordFailure(System.nanoTime());
      broken("the upstream connection failed mid-response: " + describe(t));
    }
  }

  /** Sends the status and headers: from here on the response belongs to this attempt. */
  private void commit() {
    committed = true;
    vertx.cancelTimer(firstByteTimer);
    long now = System.nanoTime();
    lastChunkNanos = now;
    int status = upstreamResponse.statusCode();
    if (status < 400) {
      current.health().recordSuccess();
    }
    record.attempt(current.id(), "HTTP " + status, (now - attemptStartNanos) / 1e6);
    record.served(current.id(), (now - startNanos) / 1e6);
    response.setStatusCode(status);
    MultiMap headers = response.headers();
    headers.add(ProxyHeaders.ENDPOINT, ProxyHeaders.configured(current.id()));
    headers.add(ProxyHeaders.OVERHEAD, Long.toString(clock.ownMicros()));
    String contentType = upstreamResponse.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null) {
      headers.add(HttpHeaders.CONTENT_TYPE, contentType);
    }
    String length = upstreamResponse.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      headers.add(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      response.setChunked(true);
    }
    if (parsed.stream()) {
      headers.add(HttpHeaders.CACHE_CONTROL, ProxyHeaders.NO_CACHE);
    }
    scheduleIdleCheck(config.idleTimeout().toMillis());
  }

  private void scheduleIdleCheck(long delayMs) {
    idleTimer = vertx.setTimer(Math.max(1, delayMs), id -> {
      if (done) {
        return;
      }
      long idleNanos = config.idleTimeout().toNanos();
      long silent = System.nanoTime() - lastChunkNanos;
      if (silent >= idleNanos) {
        clock.resume();
        current.health().recordFailure(System.nanoTime());
        broken("no data from the upstream for " + config.idleTimeout().toMillis() + " ms");
      } else {
        scheduleIdleCheck((idleNanos - silent) / 1_000_000 + 1);
      }
    });
  }

  private void attemptFailed(int seq, Failure kind, String why) {
    if (seq != attemptSeq || done) {
      return;
    }
    long now = System.nanoTime();
    vertx.cancelTimer(firstByteTimer);
    abandonCurrent();
    if (kind.countsAgainstHealth && current.health().recordFailure(now)) {
      LOG.log(System.Logger.Level.WARNING, "endpoint {0} ejected after repeated failures; last: {1}", current.id(), why);
    }
    record.attempt(current.id(), why, (now - attemptStartNanos) / 1e6);
    failures.add(current.id() + ": " + why);
    lastFailure = kind;
    nextAttempt();
  }

  /**
   * Stops the current attempt's upstream exchange and releases its in-flight slot. The attempt
   * is retired first, because a reset fires its callbacks at once and they must find it stale.
   */
  private void abandonCurrent() {
    attemptSeq++;
    if (upstreamRequest != null) {
      upstreamRequest.reset();
    }
    if (currentInFlight) {
      currentInFlight = false;
      current.finished();
    }
  }

  private void failAll() {
    int status;
    String code;
    if (failures.isEmpty()) {
      status = 503;
      code = "no_upstream_available";
    } else if (lastFailure == Failure.TIMEOUT) {
      status = 504;
      code = "upstream_timeout";
    } else if (lastFailure == Failure.OVERLOADED) {
      status = 503;
      code = "upstream_overloaded";
    } else {
      status = 502;
      code = "upstream_error";
    }
    String message = failures.isEmpty()
        ? "No endpoint of model '" + model.name() + "' could be tried."
        : "Model '" + model.name() + "' failed on every endpoint tried (" + failures.size() + " of "
            + pool.endpoints().size() + "): " + String.join("; ", failures);
    fail(new OpenAiError(status, "server_error", code, null, message));
  }

  private void fail(OpenAiError error) {
    if (done) {
      return;
    }
    if (!response.ended() && !response.headWritten()) {
      response.setStatusCode(error.status()).putHeader("content-type", "application/json").end(Buffer.buffer(error.json()));
    }
    finish(error.status(), error.getMessage());
  }

  /** Ends a response whose head has gone out: an SSE error event for streams, else a reset. */
  private void broken(String why) {
    if (done) {
      return;
    }
    abandonCurrent();
    if (parsed.stream()) {
      OpenAiError error = new OpenAiError(502, "server_error", "stream_interrupted", null,
          "The response was interrupted: " + why + ". The partial answer above is incomplete.");
      response.end(Buffer.buffer("data: " + error.json() + "\n\n"));
    } else {
      response.reset();
    }
    finish(502, why);
  }

  private void onTotalTimeout() {
    clock.resume();
    if (done) {
      return;
    }
    String why = "the request took longer than " + config.totalTimeout().toMillis() + " ms";
    if (committed) {
      broken(why);
      return;
    }
    abandonCurrent();
    if (current != null) {
      record.attempt(current.id(), "stopped: " + why, (System.nanoTime() - attemptStartNanos) / 1e6);
      failures.add(current.id() + ": " + why);
    }
    fail(new OpenAiError(504, "server_error", "upstream_timeout", null,
        "Model '" + model.name() + "' did not answer in time: " + String.join("; ", failures)));
  }

  private void onClientGone() {
    clock.resume();
    if (done) {
      return;
    }
    abandonCurrent();
    finish(499, "the client closed the connection");
  }

  private void finish(int status, String error) {
    done = true;
    vertx.cancelTimer(firstByteTimer);
    vertx.cancelTimer(idleTimer);
    vertx.cancelTimer(totalTimer);
    if (currentInFlight) {
      currentInFlight = false;
      current.finished();
    }
    record.finished(status, (System.nanoTime() - startNanos) / 1e6, error);
    long[] usage = sniffer.usage();
    if (usage != null) {
      record.usage(usage[0], usage[1], model.cost(usage[0], usage[1]));
    }
    onDone.run();
  }

  private static String errorMessage(Buffer body) {
    String s = body.toString().trim();
    int m = s.indexOf("\"message\"");
    if (m >= 0) {
      int q1 = s.indexOf('"', s.indexOf(':', m) + 1);
      int q2 = q1 < 0 ? -1 : s.indexOf('"', q1 + 1);
      if (q1 >= 0 && q2 > q1) {
        return s.substring(q1 + 1, q2);
      }
    }
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  private static String describe(Throwable t) {
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    if (t instanceof TimeoutException) {
      return "timed out: " + t.getMessage();
    }
    String msg = t.getMessage();
    return msg == null ? t.getClass().getSimpleName() : msg;
  }
}
