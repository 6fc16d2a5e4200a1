package dev.signalbox.gateway;

import dev.signalbox.core.api.OpenAiError;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;

/**
 * The request framing RFC 9112 asks a server to refuse, where a front proxy that reads it
 * differently could smuggle a second request: HTTP/1.1 without exactly one Host, and any
 * Transfer-Encoding but a single {@code chunked}. (Content-Length together with Transfer-Encoding
 * is caught in the decoder, {@link ClientConnections}.) Such a request is refused and its
 * connection closed.
 */
final class HttpStrictness {
  private HttpStrictness() {}

  /** The problem with the request's framing, or null when there is none. */
  static OpenAiError check(HttpServerRequest req) {
    MultiMap headers = req.headers();
    if (req.version() == HttpVersion.HTTP_1_1 && headers.getAll(HttpHeaders.HOST).size() != 1) {
      return bad("invalid_host", "An HTTP/1.1 request needs exactly one Host header.");
    }
    if (headers.get(HttpHeaders.TRANSFER_ENCODING) == null) {
      return null; // most requests: no list made
    }
    List<String> codings = headers.getAll(HttpHeaders.TRANSFER_ENCODING);
    String coding = String.join(",", codings).trim();
    if (coding.equalsIgnoreCase("chunked")) {
      return null;
    }
    String[] parts = coding.split(",");
    if (!parts[parts.length - 1].trim().equalsIgnoreCase("chunked")) {
      return bad("invalid_framing", "Transfer-Encoding must end with chunked, got '" + coding + "'.");
    }
    return new OpenAiError(501, "invalid_request_error", "unsupported_transfer_encoding", null,
        "Only Transfer-Encoding: chunked is supported, got '" + coding + "'.");
  }

  private static OpenAiError bad(String code, String message) {
    return new OpenAiError(400, "invalid_request_error", code, null, message);
  }
}
