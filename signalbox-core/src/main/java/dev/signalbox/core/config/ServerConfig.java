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

  static final Keys CORS_KEYS = Keys.of("cross-origin requests from browsers: off unless origins are listed")
      .key("allowed_origins", "list of origins (https://app.example.com) or \"*\"", "[]",
          "the web origins that may call the gateway from a browser")
      .key("allowed_headers", "list of header names", Cors.DEFAULT_HEADERS,
          "request headers a browser may send")
      .key("max_age_s", "integer >= 0", Cors.OFF.maxAgeSeconds(), "how long a browser may cache a preflight answer")
      .key("allow_credentials", "boolean", Cors.OFF.allowCredentials(),
          "whether browsers may send cookies (not with allowed_origins \"*\")");

  static final Keys KEYS = Keys.of("the gateway's listener and limits")
      .key("host", "address", DEFAULT.host, "the address to listen on (--host overrides it)")
      .key("port", "integer 0..65535", DEFAULT.port, "the port to listen on, 0 for a free one (--port overrides it)")
      .key("max_body_bytes", "integer >= 1024", DEFAULT.maxBodyBytes, "larger request bodies are refused with 413")
      .key("max_total_body_bytes", "integer >= 0", DEFAULT.maxTotalBodyBytes,
          "the bodies of every request in flight together; past it 503 (0: a quarter of the JVM's heap)")
      .key("decision_history", "integer >= 0", DEFAULT.decisionHistory,
          "recent decisions kept for GET /v1/decisions/{request_id}")
      .key("event_loops", "integer 0..256", DEFAULT.eventLoops, "event-loop threads (0: one per core)")
      .key("default_route", "route or model name", DEFAULT.defaultRoute,
          "what \"model\": \"auto\" means (auto: the route named auto, else the first route)")
      .key("shutdown_grace_ms", "milliseconds", DEFAULT.shutdownGraceMs,
          "on shutdown, how long requests in flight may take to finish")
      .key("signal_timeout_ms", "milliseconds >= 1", DEFAULT.signalTimeoutMs,
          "how long the prompt embedding (trained routes) may take before the route falls back without it")
      .key("header_timeout_ms", "milliseconds > 0", ClientTimeouts.DEFAULT.headerMs(),
          "a request head must arrive within this (nginx's client_header_timeout)")
      .key("body_timeout_ms", "milliseconds > 0", ClientTimeouts.DEFAULT.bodyMs(),
          "the longest pause between two reads of a request body (then 408)")
      .key("keepalive_timeout_ms", "milliseconds > 0", ClientTimeouts.DEFAULT.keepaliveMs(),
          "an idle keep-alive connection is closed after this")
      .key("allowed_hosts", "list of host names, or [\"*\"]", "[]",
          "Host header values accepted ([]: the loopback names on a loopback address, any otherwise)")
      .mapping("cors", "mapping", null, CORS_KEYS.doc(), CORS_KEYS);

  static ServerConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return DEFAULT;
    }
    n.allowOnly(KEYS);
    int port = n.integer("port", DEFAULT.port);
    n.get("port").check(port, p -> p >= 0 && p <= 65535, "must be a port number 0..65535");
    long maxBody = n.longValue("max_body_bytes", DEFAULT.maxBodyBytes);
    n.get("max_body_bytes").check(maxBody, b -> b >= 1024, "must be at least 1024 bytes");
    long maxTotal = n.longValue("max_total_body_bytes", DEFAULT.maxTotalBodyBytes);
    n.get("max_total_body_bytes").check(maxTotal, t -> t == 0 || t >= maxBody,
        "must be 0 (a quarter of the heap) or at least max_body_bytes (" + maxBody + ")");
    int history = n.integer("decision_history", DEFAULT.decisionHistory);
    n.get("decision_history").check(history, h -> h >= 0, "must not be negative");
    int loops = n.integer("event_loops", DEFAULT.eventLoops);
    n.get("event_loops").check(loops, l -> l >= 0 && l <= 256, "must be 0..256 (0: one per core)");
    long grace = n.millis("shutdown_grace_ms", DEFAULT.shutdownGraceMs).toMillis();
    long signalTimeout = n.millis("signal_timeout_ms", DEFAULT.signalTimeoutMs).toMillis();
    n.get("signal_timeout_ms").check(signalTimeout, t -> t >= 1, "must be at least 1 ms");
    ClientTimeouts timeouts = new ClientTimeouts(
        positiveMillis(n, "header_timeout_ms", ClientTimeouts.DEFAULT.headerMs()),
        positiveMillis(n, "body_timeout_ms", ClientTimeouts.DEFAULT.bodyMs()),
        positiveMillis(n, "keepalive_timeout_ms", ClientTimeouts.DEFAULT.keepaliveMs()));
    List<String> hosts = n.attempt(() -> n.strings("allowed_hosts"), List.of());
    ConfigNode c = n.get("cors");
    Cors cors = c.attempt(() -> cors(c), Cors.OFF);
    return new ServerConfig(n.string("host", DEFAULT.host), port, maxBody, maxTotal, history, loops,
        n.string("default_route", DEFAULT.defaultRoute), grace, signalTimeout, timeouts, hosts, cors);
  }

  private static Cors cors(ConfigNode c) {
    if (c.isMissing()) {
      return Cors.OFF;
    }
    c.allowOnly(CORS_KEYS);
    List<String> origins = c.strings("allowed_origins");
    for (int i = 0; i < origins.size(); i++) {
      String o = origins.get(i);
      if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
        c.get("allowed_origins").report("entry " + i + " must be \"*\" or an origin "
            + "such as https://app.example.com (scheme and host, no path), got \"" + o + "\"");
      }
    }
    boolean credentials = c.bool("allow_credentials", Cors.OFF.allowCredentials());
    if (credentials && origins.contains("*")) {
      c.get("allow_credentials").report("cannot be true with allowed_origins \"*\" "
          + "(browsers refuse it); list the origins");
    }
    List<String> headers = c.has("allowed_headers") ? c.strings("allowed_headers") : Cors.DEFAULT_HEADERS;
    long maxAge = c.longValue("max_age_s", Cors.OFF.maxAgeSeconds());
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
