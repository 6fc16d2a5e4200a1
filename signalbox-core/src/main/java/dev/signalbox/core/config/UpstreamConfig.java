package dev.signalbox.core.config;

import java.time.Duration;

/**
 * How the gateway talks to model endpoints: timeouts, retries, pooling and health.
 *
 * @param connectTimeout to open a connection
 * @param firstByteTimeout from sending the request to the first byte of the response body
 * @param idleTimeout the longest silence between two chunks of a response
 * @param totalTimeout the whole exchange
 * @param maxAttempts tries across replicas for failures before the first byte
 * @param maxConnectionsPerEndpoint the connection pool size per endpoint
 * @param healthCheck active health checks
 * @param ejection passive ejection of failing endpoints
 */
public record UpstreamConfig(
    Duration connectTimeout,
    Duration firstByteTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    int maxAttempts,
    int maxConnectionsPerEndpoint,
    HealthCheckConfig healthCheck,
    EjectionConfig ejection) {

  /** Periodic probes of each endpoint; a failed probe takes it out until a probe succeeds. */
  public record HealthCheckConfig(boolean enabled, String path, Duration interval, Duration timeout) {}

  /**
   * Passive ejection: after {@code consecutiveFailures} failures in a row an endpoint is left out
   * for {@code base}, doubling on each further ejection up to {@code max}.
   */
  public record EjectionConfig(int consecutiveFailures, Duration base, Duration max) {}

  static UpstreamConfig parse(ConfigNode n) {
    if (!n.isMissing()) {
      n.allowOnly(
          "connect_timeout_ms", "first_byte_timeout_ms", "idle_timeout_ms", "total_timeout_ms",
          "max_attempts", "max_connections_per_endpoint", "health_check", "ejection");
    }
    int attempts = n.integer("max_attempts", 3);
    n.get("max_attempts").check(attempts, a -> a >= 1 && a <= 10, "must be 1..10");
    int conns = n.integer("max_connections_per_endpoint", 256);
    n.get("max_connections_per_endpoint").check(conns, c -> c >= 1, "must be at least 1");

    ConfigNode hc = n.get("health_check");
    if (!hc.isMissing()) {
      hc.allowOnly("enabled", "path", "interval_ms", "timeout_ms");
    }
    String path = hc.string("path", "/health");
    hc.get("path").check(path, p -> p.startsWith("/"), "must start with '/'");
    HealthCheckConfig health =
        new HealthCheckConfig(
            hc.bool("enabled", true),
            path,
            positive(hc, "interval_ms", 5_000),
            positive(hc, "timeout_ms", 2_000));

    ConfigNode ej = n.get("ejection");
    if (!ej.isMissing()) {
      ej.allowOnly("consecutive_failures", "base_ms", "max_ms");
    }
    int failures = ej.integer("consecutive_failures", 3);
    ej.get("consecutive_failures").check(failures, f -> f >= 1, "must be at least 1");
    Duration base = positive(ej, "base_ms", 5_000);
    Duration max = positive(ej, "max_ms", 120_000);
    ej.get("max_ms").check(
        max, m -> m.compareTo(base) >= 0, "must not be below base_ms (" + base.toMillis() + ")");
    EjectionConfig ejection = new EjectionConfig(failures, base, max);

    return new UpstreamConfig(
        positive(n, "connect_timeout_ms", 2_000),
        positive(n, "first_byte_timeout_ms", 60_000),
        positive(n, "idle_timeout_ms", 30_000),
        positive(n, "total_timeout_ms", 600_000),
        attempts,
        conns,
        health,
        ejection);
  }

  private static Duration positive(ConfigNode n, String key, long fallbackMs) {
    Duration d = n.millis(key, fallbackMs);
    n.get(key).check(d, v -> !v.isZero(), "must be positive");
    return d;
  }
}
