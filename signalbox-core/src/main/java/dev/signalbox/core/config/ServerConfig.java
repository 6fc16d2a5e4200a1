package dev.signalbox.core.config;

import java.util.List;

/**
 * The gateway's own listener and limits.
 *
 * @param host the address to listen on
 * @param port the port to listen on (0 picks a free one)
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param maxTotalBodyBytes the request bodies of every request in flight together; a body that
 *     would take them past it gets 503 (0: a quarter of the JVM's maximum heap)
 * @param decisionHistory how many recent decisions {@code GET /v1/decisions/{id}} keeps
 * @param eventLoops event-loop threads (0: one per core)
 * @param defaultRoute the route that {@code model: "auto"} means
 * @param shutdownGraceMs on shutdown, how long requests in flight may take to finish
 * @param signalTimeoutMs how long an expensive signal (the prompt embedding) may take before the
 *     route falls back without it
 * @param timeouts how long a client may take to send a request, and to keep an idle connection
 * @param allowedHosts the {@code Host} values accepted (empty: the loopback names when bound to a
 *     loopback address, any otherwise; {@code "*"}: any)
 * @param cors the cross-origin policy for browsers (off unless origins are listed)
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    long maxTotalBodyBytes,
    int decisionHistory,
    int eventLoops,
    String defaultRoute,
    long shutdownGraceMs,
    long signalTimeoutMs,
    ClientTimeouts timeouts,
    List<String> allowedHosts,
    Cors cors) {

  public ServerConfig {
    allowedHosts = List.copyOf(allowedHosts);
  }

  /**
   * Client-side timeouts, nginx's defaults: the request head must arrive within {@code header}
   * of the connection opening (or of the first byte after an idle keep-alive gap), the body may
   * pause at most {@code body} between two reads, and an idle keep-alive connection is closed
   * after {@code keepalive}.
   */
  public record ClientTimeouts(long headerMs, long bodyMs, long keepaliveMs) {
    public static final ClientTimeouts DEFAULT = new ClientTimeouts(60_000, 60_000, 75_000);
  }

  /**
   * Which web origins may call the gateway from a browser. Off (no CORS headers, and a request
   * carrying an {@code Origin} that is not the gateway's own is refused) unless {@code
   * allowedOrigins} lists some, or {@code "*"}.
   */
  public record Cors(List<String> allowedOrigins, List<String> allowedHeaders, long maxAgeSeconds,
      boolean allowCredentials) {
    public static final List<String> DEFAULT_HEADERS =
        List.of("authorization", "content-type", "x-api-key", "x-request-id", "openai-organization");
    public static final Cors OFF = new Cors(List.of(), DEFAULT_HEADERS, 600, false);

    public Cors {
      allowedOrigins = List.copyOf(allowedOrigins);
      allowedHeaders = List.copyOf(allowedHeaders);
    }

    public boolean enabled() {
      return !allowedOrigins.isEmpty();
    }

    public boolean allows(String origin) {
      return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }
  }

  public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8080, 4L << 20, 0, 10_000, 0, "auto",
      10_000, 250, ClientTimeouts.DEFAULT, List.of(), Cors.OFF);

  static ServerConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return DEFAULT;
    }
    n.allowOnly("host", "port", "max_body_bytes", "max_total_body_bytes", "decision_history", "event_loops",
        "default_route", "shutdown_grace_ms", "signal_timeout_ms", "header_timeout_ms", "body_timeout_ms",
        "keepalive_timeout_ms", "allowed_hosts", "cors");
    int port = n.integer("port", 8080);
    n.get("port").check(port, p -> p >= 0 && p <= 65535, "must be a port number 0..65535");
    long maxBody = n.longValue("max_body_bytes", 4L << 20);
    n.get("max_body_bytes").check(maxBody, b -> b >= 1024, "must be at least 1024 bytes");
    long maxTotal = n.longValue("max_total_body_bytes", 0);
    n.get("max_total_body_bytes").check(maxTotal, t -> t == 0 || t >= maxBody,
        "must be 0 (a quarter of the heap) or at least max_body_bytes (" + maxBody + ")");
    int history = n.integer("decision_history", 10_000);
    n.get("decision_history").check(history, h -> h >= 0, "must not be negative");
    int loops = n.integer("event_loops", 0);
    n.get("event_loops").check(loops, l -> l >= 0 && l <= 256, "must be 0..256 (0: one per core)");
    long grace = n.millis("shutdown_grace_ms", 10_000).toMillis();
    long signalTimeout = n.millis("signal_timeout_ms", 250).toMillis();
    n.get("signal_timeout_ms").check(signalTimeout, t -> t >= 1, "must be at least 1 ms");
    ClientTimeouts timeouts = new ClientTimeouts(
        positiveMillis(n, "header_timeout_ms", ClientTimeouts.DEFAULT.headerMs()),
        positiveMillis(n, "body_timeout_ms", ClientTimeouts.DEFAULT.bodyMs()),
        positiveMillis(n, "keepalive_timeout_ms", ClientTimeouts.DEFAULT.keepaliveMs()));
    List<String> hosts = n.strings("allowed_hosts");
    return new ServerConfig(n.string("host", "127.0.0.1"), port, maxBody, maxTotal, history, loops,
        n.string("default_route", "auto"), grace, signalTimeout, timeouts, hosts, cors(n.get("cors")));
  }

  private static Cors cors(ConfigNode c) {
    if (c.isMissing()) {
      return Cors.OFF;
    }
    c.allowOnly("allowed_origins", "allowed_headers", "max_age_s", "allow_credentials");
    List<String> origins = c.strings("allowed_origins");
    for (int i = 0; i < origins.size(); i++) {
      String o = origins.get(i);
      if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
        throw c.get("allowed_origins").problem("entry " + i + " must be \"*\" or an origin such as "
            + "https://app.example.com (scheme and host, no path), got \"" + o + "\"");
      }
    }
    boolean credentials = c.bool("allow_credentials", false);
    if (credentials && origins.contains("*")) {
      throw c.get("allow_credentials").problem("cannot be true with allowed_origins \"*\" (browsers refuse it); "
          + "list the origins");
    }
    List<String> headers = c.has("allowed_headers") ? c.strings("allowed_headers") : Cors.DEFAULT_HEADERS;
    long maxAge = c.longValue("max_age_s", 600);
    c.get("max_age_s").check(maxAge, a -> a >= 0, "must not be negative");
    return new Cors(origins, headers.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList(), maxAge,
        credentials);
  }

  private static long positiveMillis(ConfigNode n, String key, long fallback) {
    long ms = n.millis(key, fallback).toMillis();
    n.get(key).check(ms, v -> v > 0, "must be positive");
    return ms;
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBodyBytes, maxTotalBodyBytes, decisionHistory, eventLoops, defaultRoute,
        shutdownGraceMs, signalTimeoutMs, timeouts, allowedHosts, cors);
  }

  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, maxBodyBytes, maxTotalBodyBytes, decisionHistory, eventLoops, defaultRoute,
        shutdownGraceMs, signalTimeoutMs, timeouts, allowedHosts, cors);
  }
}
