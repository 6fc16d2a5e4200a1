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
 */
public record ServerConfig(
    String host,
    int port,
    long maxBodyBytes,
    int decisionHistory,
    int eventLoops,
    String defaultRoute,
    long shutdownGraceMs) {

  static ServerConfig parse(ConfigNode n) {
    if (n.isMissing()) {
      return new ServerConfig("127.0.0.1", 8080, 4L << 20, 10_000, 0, "auto", 10_000);
    }
    n.allowOnly("host", "port", "max_body_bytes", "decision_history", "event_loops", "default_route",
        "shutdown_grace_ms");
    int port = n.integer("port", 8080);
    n.get("port").check(port, p -> p >= 0 && p <= 65535, "must be a port number 0..65535");
    long maxBody = n.longValue("max_body_bytes", 4L << 20);
    n.get("max_body_bytes").check(maxBody, b -> b >= 1024, "must be at least 1024 bytes");
    int history = n.integer("decision_history", 10_000);
    n.get("decision_history").check(history, h -> h >= 0, "must not be negative");
    int loops = n.integer("event_loops", 0);
    n.get("event_loops").check(loops, l -> l >= 0 && l <= 256, "must be 0..256 (0: one per core)");
    long grace = n.millis("shutdown_grace_ms", 10_000).toMillis();
    return new ServerConfig(n.string("host", "127.0.0.1"), port, maxBody, history, loops,
        n.string("default_route", "auto"), grace);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxBodyBytes, decisionHistory, eventLoops, defaultRoute, shutdownGraceMs);
  }

  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, maxBodyBytes, decisionHistory, eventLoops, defaultRoute, shutdownGraceMs);
  }
}
