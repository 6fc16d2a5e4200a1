package dev.signalbox.gateway.proxy;

import dev.signalbox.core.upstream.AttemptFailure;
import io.vertx.core.buffer.Buffer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Hears one attempt's exchange and tells its call what it means; once the attempt is retired (a
 * retry, a timeout, the end) its reports are dropped. A 401, 403, 408, 429 or 5xx answer is read
 * whole before the attempt fails, for the error message it carries; a 2xx labelled other than
 * JSON (or, for a stream, an event stream) fails at once.
 */
final class AttemptListener implements UpstreamClient.Listener {
  private static final int MAX_ERROR_BYTES = 64 << 10;
  /** The longest a Retry-After keeps an endpoint out. */
  private static final long MAX_COOL_DOWN_NANOS = 60_000_000_000L;

  private final ProxyCall call;
  private final int seq;
  private final boolean stream;
  private final UpstreamText text;
  private Buffer errorBody;
  private int errorStatus;
  private long retryAfter;
  private boolean headSeen;

  AttemptListener(ProxyCall call, int seq, boolean stream, UpstreamText text) {
    this.call = call;
    this.seq = seq;
    this.stream = stream;
    this.text = text;
  }

  @Override
  public void onConnectFailed(Throwable cause) {
    if (cause instanceof VirtualMachineError) {
      call.outOfResources(seq, cause);
    } else {
      call.attemptFailed(seq, AttemptFailure.CONNECT, UpstreamText.describe(cause), 0);
    }
  }

  @Override
  public void onHead(UpstreamClient.Head head) {
    if (call.retired(seq)) {
      return;
    }
    int status = head.status();
    if (status == 429 || status == 408 || status >= 500 || status == 401 || status == 403) {
      errorStatus = status;
      retryAfter = retryAfterNanos(head.retryAfter());
      errorBody = Buffer.buffer();
    } else if (status < 300 && !expected(head.contentType())) {
      call.attemptFailed(seq, AttemptFailure.BAD_ANSWER, "HTTP " + status + " with content type "
          + head.contentType() + ", not " + (stream ? "an event stream" : "JSON"), 0);
    } else {
      headSeen = true;
      call.onHead(head);
    }
  }

  @Override
  public void onChunk(Buffer chunk) {
    if (call.retired(seq)) {
      return;
    }
    if (errorBody == null) {
      call.onChunk(chunk);
    } else if (errorBody.length() < MAX_ERROR_BYTES) {
      errorBody.appendBuffer(chunk);
    }
  }

  @Override
  public void onEnd() {
    if (call.retired(seq)) {
      return;
    }
    if (errorBody == null) {
      call.onEnd();
    } else {
      errorAnswer(text.errorMessage(errorBody));
    }
  }

  @Override
  public void onFailed(Throwable cause) {
    if (call.retired(seq)) {
      return;
    }
    if (cause instanceof VirtualMachineError) {
      call.outOfResources(seq, cause); // the gateway's own exhaustion: not the endpoint's fault, and no retry
    } else if (errorBody != null) {
      errorAnswer("");
    } else if (!headSeen) {
      call.attemptFailed(seq, AttemptFailure.RESET, UpstreamText.describe(cause), 0);
    } else {
      call.onBodyError(seq, cause);
    }
  }

  /** A 401, 403, 408, 429 or 5xx answer: the attempt failed; a 429 (or any Retry-After) cools the endpoint. */
  private void errorAnswer(String detail) {
    AttemptFailure how = errorStatus == 429 ? AttemptFailure.RATE_LIMITED : errorStatus == 408 ? AttemptFailure.TIMEOUT
        : errorStatus == 401 || errorStatus == 403 ? AttemptFailure.REFUSED_CREDENTIALS : AttemptFailure.SERVER_ERROR;
    String what = how == AttemptFailure.REFUSED_CREDENTIALS ? " (the endpoint refused the gateway's credentials)" : "";
    call.attemptFailed(seq, how, "HTTP " + errorStatus + what + (detail.isEmpty() ? "" : ": " + detail), retryAfter);
  }

  /** What a 2xx answer may be labelled: JSON, or for a stream an event stream; unlabelled ones pass. */
  private boolean expected(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.contains("json") || (stream && type.startsWith("text/event-stream"));
  }

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
