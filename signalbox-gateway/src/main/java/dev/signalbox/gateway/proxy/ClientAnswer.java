package dev.signalbox.gateway.proxy;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.pool.Endpoint;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.function.Consumer;

/**
 * The client's side of a proxied call: the head, the answer's bytes as they come (a JSON answer
 * held whole while it may still be retried elsewhere, an error answer held to be scrubbed),
 * keep-alives while a stream waits, and the endings. It knows nothing of attempts; the call
 * tells it which endpoint's answer it is writing.
 */
final class ClientAnswer {
  /** Error answers (relayed after their secrets are scrubbed) are held up to this size. */
  private static final int MAX_ERROR_HELD = 64 << 10;
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

  private final ClientResponse response;
  private final boolean stream;
  private final String routedModel;
  private final UpstreamText text;
  private final ProxyContext context;
  private final OverheadClock clock;
  private UpstreamClient.Head head;
  private HeldAnswer held;
  /** What was held of an answer that outgrew its hold limit: written before the rest. */
  private HeldAnswer overflow;
  private boolean headSent;
  private boolean dataSent;

  ClientAnswer(ClientResponse response, boolean stream, String routedModel, ProxyContext context, OverheadClock clock) {
    this.response = response;
    this.stream = stream;
    this.routedModel = routedModel;
    this.text = context.text();
    this.context = context;
    this.clock = clock;
  }

  boolean headSent() {
    return headSent;
  }

  /** Whether answer bytes went to the client: from then on the answer can no longer be retried. */
  boolean dataSent() {
    return dataSent;
  }

  /** A new attempt: its head is not known yet, and nothing of an earlier one is held. */
  void newAttempt() {
    head = null;
    dropHeld();
  }

  void head(UpstreamClient.Head answerHead) {
    head = answerHead;
  }

  int status() {
    return head.status();
  }

  /** The first body byte: a JSON answer (to retry one cut short) and any error answer start being held. */
  void firstByte() {
    int status = head.status();
    if (status < 300 ? !stream : true) {
      held = new HeldAnswer(context.heldAnswers(), status < 300 ? context.config().maxHeldBytes() : MAX_ERROR_HELD,
          head.contentLength());
    }
  }

  /**
   * Holds a chunk if the answer is being held and the chunk fits; false otherwise (past either
   * hold limit, it is relayed as it comes: the caller writes it after what was held).
   */
  boolean hold(Buffer chunk) {
    if (held == null) {
      return false;
    }
    if (held.append(chunk)) {
      return true;
    }
    overflow = held; // no longer held: the head goes out without the held length
    held = null;
    return false;
  }

  /** Writes a chunk of the answer of {@code from}, after what was held of it. */
  void write(Buffer chunk, Endpoint from) {
    begin(from);
    if (overflow != null) {
      HeldAnswer soFar = overflow;
      overflow = null;
      soFar.releaseWhenWritten(response.write(soFar.bytes()));
    }
    response.write(chunk);
  }

  /** Starts the answer of {@code from}: its head goes out unless keep-alives sent one. */
  void begin(Endpoint from) {
    if (dataSent) {
      return;
    }
    dataSent = true;
    if (!headSent) {
      sendHead(from);
    }
  }

  boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  void onDrain(Runnable action) {
    response.onDrain(action);
  }

  /**
   * Ends the answer of {@code from} (its held body, scrubbed if an error). {@code beforeLastBytes}
   * hears, just before the last bytes go out, null, or for an error answer to a stream already
   * announced with keep-alives (which becomes an SSE error event) why it ended so.
   */
  void end(Endpoint from, Consumer<String> beforeLastBytes) {
    HeldAnswer whole = held;
    held = null;
    int status = head.status();
    Buffer body = whole == null ? null : whole.bytes();
    if (body != null && status >= 300) {
      body = text.relayed(body);
    }
    if (headSent && !dataSent && status >= 300) {
      // a stream already announced with keep-alives: the upstream's error becomes an SSE event
      Buffer error = body != null ? body : Buffer.buffer();
      beforeLastBytes.accept("HTTP " + status + " after keep-alives: " + text.errorMessage(error));
      response.end(Buffer.buffer("data: ").appendBuffer(error).appendString("\n\n"));
      if (whole != null) {
        whole.release();
      }
      return;
    }
    begin(from);
    beforeLastBytes.accept(null);
    if (body != null) {
      response.header(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()));
      whole.releaseWhenWritten(response.end(body));
    } else {
      response.end();
    }
  }

  /** Whether the answer ends as an error event of a stream announced with keep-alives (not relayed as is). */
  boolean endsAsStreamError() {
    return headSent && !dataSent && head.status() >= 300;
  }

  /** Sends the upstream's status and headers, as answered by {@code from}. */
  private void sendHead(Endpoint from) {
    headSent = true;
    response.status(head.status());
    response.header(ProxyHeaders.ENDPOINT, ProxyHeaders.configured(from.id()));
    if (!from.model().equals(routedModel)) {
      response.replaceHeader(ProxyHeaders.MODEL, ProxyHeaders.configured(from.model())); // a fallback answered
    }
    response.header(ProxyHeaders.OVERHEAD, Long.toString(clock.ownMicros()));
    if (head.contentType() != null) {
      response.header(HttpHeaders.CONTENT_TYPE, head.contentType());
    }
    if (stream) {
      response.header(HttpHeaders.CACHE_CONTROL, ProxyHeaders.NO_CACHE);
    }
    if (head.contentEncoding() != null) {
      response.header(HttpHeaders.CONTENT_ENCODING, head.contentEncoding());
    }
    if (head.location() != null) {
      response.header(HttpHeaders.LOCATION, head.location());
    }
    if (held == null && head.contentLength() != null) {
      response.header(HttpHeaders.CONTENT_LENGTH, head.contentLength());
    } else if (held == null) {
      response.chunked();
    }
  }

  /**
   * While a stream waits for its first token, keeps the client connection busy: the first one
   * commits the response to a 200 event stream.
   */
  void keepAlive() {
    if (!headSent) {
      headSent = true;
      response.status(200);
      response.header(HttpHeaders.CONTENT_TYPE, ProxyHeaders.EVENT_STREAM);
      response.header(HttpHeaders.CACHE_CONTROL, ProxyHeaders.NO_CACHE);
      response.chunked();
    }
    response.write(KEEP_ALIVE.copy());
  }

  /** Ends with an error: an OpenAI error body, or an SSE error event when the head went out. */
  void fail(OpenAiError error, long retryAfterNanos) {
    if (!headSent) {
      if (retryAfterNanos > 0) {
        response.header(HttpHeaders.RETRY_AFTER,
            String.valueOf(Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L)));
      }
      response.status(error.status());
      response.header(HttpHeaders.CONTENT_TYPE, ProxyHeaders.APPLICATION_JSON);
      response.end(Buffer.buffer(error.json()));
    } else if (!response.ended()) {
      response.end(Buffer.buffer("data: " + error.json() + "\n\n"));
    }
  }

  /** Ends an answer whose bytes have gone out: an SSE error event, else a reset. */
  void broken(String why) {
    if (stream) {
      OpenAiError error = new OpenAiError(502, "server_error", "stream_interrupted", null,
          "The response was interrupted: " + why + ". The partial answer above is incomplete.");
      response.end(Buffer.buffer("data: " + error.json() + "\n\n"));
    } else {
      response.reset();
    }
  }

  /** A header on the response before the head goes out, e.g. {@code connection: close}. */
  void header(CharSequence name, CharSequence value) {
    if (!headSent) {
      response.header(name, value);
    }
  }

  void dropHeld() {
    if (held != null) {
      held.release();
      held = null;
    }
    if (overflow != null) {
      overflow.release();
      overflow = null;
    }
  }
}
