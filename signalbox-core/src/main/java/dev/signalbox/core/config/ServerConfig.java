package dev.signalbox.core.config;

/**
 * The gateway's own listener and limits.
 *
 * @param host the address to listen on
 * @param port the port to listen on (0 picks a free one)
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param decisionHistory how many recent decisions {@code GET /v1/decisions/{id}} keeps
 * @param eventLoops event-loop threads (0: one per core)
 * @param defaultRoute the route that {@code model: "auto"} means
 * @param shutdownGraceMs on shutdown, how long requests in flight may take to finish
 * @param signalTimeoutMs how long an expensive signal (the prompt embedding) may take before the
 *     route falls back without it
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    int decisionHistory,
    int eventLoops,
    String defaultRoute,
    long shutdownGraceMs,
    long signalTimeoutMs) {

  static ServerConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return new ServerConfig("127.0.0.1", 8080, 4L << 20, 10_000, 0, "auto", 10_000, 250);
    }
    n.allowOnly("host", "port", "max_body_bytes", "decision_history", "event_loops", "default_route",
        "shutdown_grace_ms", "signal_timeout_ms");
    int port = n.integer("port", 8080);
    n.get("port").check(port, p -> p >= 0 && p <= 65535, "must be a port number 0..65535");
    long maxBody = n.longValue("max_body_bytes", 4L << 20);
    n.get("max_body_bytes").check(maxBody, b -> b >= 1024, "must be at least 1024 bytes");
    int history = n.integer("decision_history", 10_000);
    n.get("decision_history").check(history, h -> h >= 0, "must not be negative");
    int loops = n.integer("event_loops", 0);
    n.get("event_loops").check(loops, l -> l >= 0 && l <= 256, "must be 0..256 (0: one per core)");
    long grace = n.millis("shutdown_grace_ms", 10_000).toMillis();
    long signalTimeout = n.millis("signal_timeout_ms", 250).toMillis();
    n.get("signal_timeout_ms").check(signalTimeout, t -> t >= 1, "must be at least 1 ms");
    return new ServerConfig(n.string("host", "127.0.0.1"), port, maxBody, history, loops,
        n.string("default_route", "auto"), grace, signalTimeout);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBodyBytes, decisionHistory, eventLoops, defaultRoute, shutdownGraceMs, signalTimeoutMs);
  }

  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, maxBodyBytes, decisionHistory, eventLoops, defaultRoute, shutdownGraceMs, signalTimeoutMs);
  }
}
