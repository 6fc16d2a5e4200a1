package dev.signalbox.gateway;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.ServerConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * What a browser may do with the gateway. A gateway on a loopback address answers only requests
 * whose {@code Host} is a loopback name (a page that rebinds its own DNS name to 127.0.0.1 sends
 * its own name, so it cannot read the API), or those in {@code server.allowed_hosts}. A request
 * carrying an {@code Origin} (browsers add one to cross-origin requests) is refused unless the
 * origin is the gateway's own or CORS lists it; CORS is off unless {@code server.cors} lists
 * origins, and then preflights are answered and the allowed origin is echoed.
 */
final class BrowserPolicy {
  private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");
  private static final String EXPOSED = "x-request-id, x-client-request-id, x-signalbox-route, x-signalbox-model, "
      + "x-signalbox-endpoint, x-signalbox-overhead-us, retry-after";

  private final List<String> allowedHosts;
  private final boolean anyHost;
  private final ServerConfig.Cors cors;

  BrowserPolicy(ServerConfig server) {
    this.cors = server.cors();
    if (!server.allowedHosts().isEmpty()) {
      this.allowedHosts = server.allowedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    } else if (isLoopback(server.host())) {
      List<String> names = new java.util.ArrayList<>(LOOPBACK_NAMES);
      names.add(hostName(server.host().contains(":") ? "[" + server.host() + "]" : server.host()));
      this.allowedHosts = List.copyOf(names);
    } else {
      this.allowedHosts = List.of("*");
    }
    this.anyHost = allowedHosts.contains("*");
  }

  /**
   * Checks a request; returns false when it has been answered already (a refusal, or a CORS
   * preflight), true when it may go on (with CORS headers added where they apply).
   */
  boolean admit(HttpServerRequest req) {
    if (!anyHost && !allowed(req.getHeader("host"))) {
      Responses.error(req.response(), new OpenAiError(403, "invalid_request_error", "host_not_allowed", null,
          "Host '" + req.getHeader("host") + "' is not served here; allowed: " + allowedHosts
              + " (server.allowed_hosts)."));
      return false;
    }
    String origin = req.getHeader("origin");
    if (origin == null) {
      return true;
    }
    boolean listed = cors.enabled() && cors.allows(origin);
    if (!listed && !sameOrigin(origin, req.getHeader("host"))) {
      Responses.error(req.response(), new OpenAiError(403, "invalid_request_error", "origin_not_allowed", null,
          "Requests from origin '" + origin + "' are not allowed" + (cors.enabled() ? "" : " (CORS is off)")
              + "; list it in server.cors.allowed_origins."));
      return false;
    }
    if (!listed) {
      return true;
    }
    HttpServerResponse resp = req.response();
    boolean any = cors.allowedOrigins().contains("*") && !cors.allowCredentials();
    resp.putHeader("access-control-allow-origin", any ? "*" : origin);
    resp.putHeader("vary", "origin");
    if (cors.allowCredentials()) {
      resp.putHeader("access-control-allow-credentials", "true");
    }
    if (req.method() == HttpMethod.OPTIONS && req.getHeader("access-control-request-method") != null) {
      resp.putHeader("access-control-allow-methods", "GET, POST, OPTIONS")
          .putHeader("access-control-allow-headers", String.join(", ", cors.allowedHeaders()))
          .putHeader("access-control-max-age", Long.toString(cors.maxAgeSeconds()))
          .setStatusCode(204).end();
      return false;
    }
    resp.putHeader("access-control-expose-headers", EXPOSED);
    return true;
  }

  /** Whether a Host header names an allowed host (compared in place: a request copies nothing). */
  private boolean allowed(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    int start = hostHeader.startsWith("[") ? 1 : 0;
    int end = start == 1 ? hostHeader.indexOf(']') : hostHeader.indexOf(':');
    end = end < 0 ? (start == 1 ? -1 : hostHeader.length()) : end;
    if (end < 0) {
      return false;
    }
    for (String name : allowedHosts) {
      if (name.length() == end - start && hostHeader.regionMatches(true, start, name, 0, name.length())) {
        return true;
      }
    }
    return false;
  }

  /** The host of a Host header, lower case, without its port or IPv6 brackets; null when malformed. */
  static String hostName(String hostHeader) {
    if (hostHeader == null || hostHeader.isEmpty()) {
      return null;
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? null : h.substring(1, end);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static boolean sameOrigin(String origin, String hostHeader) {
    try {
      URI uri = URI.create(origin);
      return uri.getRawAuthority() != null && hostHeader != null
          && uri.getRawAuthority().equalsIgnoreCase(hostHeader.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isLoopback(String bind) {
    if (LOOPBACK_NAMES.contains(bind.toLowerCase(Locale.ROOT))) {
      return true;
    }
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
