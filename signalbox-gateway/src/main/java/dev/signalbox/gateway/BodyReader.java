package dev.signalbox.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.api.OpenAiError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads the JSON body of a POST to a JSON endpoint. The buffer grows as bytes arrive (a declared
 * Content-Length reserves nothing), every byte counts against the gateway-wide budget of request
 * bodies until the request ends, and a body over the limit, or one the budget cannot take, is
 * refused and its connection closed. Only JSON content types are read: a form or text/plain body
 * is what a web page can send cross-origin without asking, so it gets 415.
 */
final class BodyReader {
  private BodyReader() {}

  /** A body read as a JSON object, or a 400 {@code invalid_json}. */
  static ObjectNode object(byte[] body) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw OpenAiError.invalid(null, "invalid_json", "We could not parse the JSON body of your request.");
    }
    if (n == null || !n.isObject()) {
      throw OpenAiError.invalid(null, "invalid_json", "The request body must be a JSON object.");
    }
    return (ObjectNode) n;
  }

  /** Reads the body, then hands it to {@code then} (whose {@link OpenAiError}s become the answer). */
  static void read(HttpServerRequest req, ClientConnections.Request hold, long limit, Consumer<byte[]> then) {
    String type = req.getHeader("content-type");
    if (!isJson(type)) {
      hold.refuseAndClose(new OpenAiError(415, "invalid_request_error", "unsupported_media_type", null,
          "The body must be JSON with Content-Type: application/json"
              + (type == null ? " (none was given)" : ", not '" + type + "'")
              + " (with curl: -H 'content-type: application/json')."));
      return;
    }
    String declared = req.getHeader("content-length");
    if (declared != null && parseLength(declared) > limit) {
      hold.refuseAndClose(tooLarge(limit));
      return;
    }
    String expect = req.getHeader("expect");
    if (expect != null) {
      if (!expect.equalsIgnoreCase("100-continue")) {
        hold.refuseAndClose(new OpenAiError(417, "invalid_request_error", "expectation_failed", null,
            "Only 'Expect: 100-continue' is understood, not '" + expect + "'."));
        return;
      }
      req.response().writeContinue();
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    req.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + (long) chunk.length() > limit) {
        refused[0] = true;
        hold.refuseAndClose(tooLarge(limit));
      } else if (!hold.reserve(chunk.length())) {
        refused[0] = true;
        req.response().putHeader("retry-after", "1");
        hold.refuseAndClose(new OpenAiError(503, "server_error", "gateway_overloaded", null,
            "The gateway holds as many request bodies as it may now (server.max_total_body_bytes); retry shortly."));
      } else {
        body.appendBuffer(chunk);
      }
    });
    req.exceptionHandler(t -> { });
    req.endHandler(v -> {
      if (refused[0]) {
        return;
      }
      hold.bodyRead();
      try {
        then.accept(body.getBytes());
      } catch (OpenAiError e) {
        hold.refuse(e);
      }
    });
  }

  /** application/json, or any {@code +json} type, with or without parameters (compared in place: no copies). */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int start = 0;
    int end = contentType.indexOf(';');
    end = end < 0 ? contentType.length() : end;
    while (start < end && contentType.charAt(start) == ' ') {
      start++;
    }
    while (end > start && contentType.charAt(end - 1) == ' ') {
      end--;
    }
    int length = end - start;
    return (length == 16 && contentType.regionMatches(true, start, "application/json", 0, 16))
        || (length > 17 && contentType.regionMatches(true, start, "application/", 0, 12)
            && contentType.regionMatches(true, end - 5, "+json", 0, 5));
  }

  private static OpenAiError tooLarge(long limit) {
    return new OpenAiError(413, "invalid_request_error", "request_too_large", null,
        "The request body is larger than this gateway accepts (" + limit + " bytes, server.max_body_bytes).");
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw OpenAiError.invalid(null, "invalid_header", "Content-Length is not a number: " + value);
    }
  }
}
