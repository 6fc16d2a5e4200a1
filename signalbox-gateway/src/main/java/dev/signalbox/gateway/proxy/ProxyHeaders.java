package dev.signalbox.gateway.proxy;

import io.vertx.core.http.HttpHeaders;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Header names and values pre-encoded as ASCII ({@link HttpHeaders#createOptimized}): Vert.x then
 * neither hashes nor encodes them again on every request. Added with {@code headers().add}, not
 * {@code putHeader}, where the header cannot be there yet: a put first searches to remove it.
 */
public final class ProxyHeaders {
  public static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
  public static final CharSequence ROUTE = HttpHeaders.createOptimized("x-signalbox-route");
  public static final CharSequence MODEL = HttpHeaders.createOptimized("x-signalbox-model");
  public static final CharSequence ENDPOINT = HttpHeaders.createOptimized("x-signalbox-endpoint");
  /** The gateway's own time on the request up to its response head, in µs. */
  public static final CharSequence OVERHEAD = HttpHeaders.createOptimized("x-signalbox-overhead-us");
  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
  static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

  private static final Map<String, CharSequence> NAMES = new ConcurrentHashMap<>();

  private ProxyHeaders() {}

  /**
   * A name from configuration (a route, a model, an endpoint id) as a header value, encoded once;
   * a name with characters beyond ASCII is returned as it is.
   */
  public static CharSequence configured(String name) {
    CharSequence ascii = NAMES.get(name);
    if (ascii == null) {
      ascii = name.chars().allMatch(c -> c < 128) ? HttpHeaders.createOptimized(name) : name;
      NAMES.putIfAbsent(name, ascii);
    }
    return ascii;
  }
}
