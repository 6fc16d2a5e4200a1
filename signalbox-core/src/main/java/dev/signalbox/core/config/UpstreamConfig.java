package dev.signalbox.core.config;

import java.time.Duration;

/**
 * How the gateway talks to model endpoints: timeouts, retries, pooling and health.
 *
 * @param connectTimeout to open a connection
 * @param firstByteTimeout from sending the request to the first byte of the response body
 * @param idleTimeout the longest silence between two chunks of a response
 * @param totalTimeout the whole exchange
 * @param maxAttempts tries per request across endpoints (and fallback models) before the first byte
 * @param maxConnectionsPerEndpoint the connection pool size per endpoint
 * @param keepalive while a stream waits for its first token, an SSE comment is sent this often
 * @param healthCheck active health checks
 * @param circuitBreaker per-endpoint circuit breakers
 * @param retryBudget the most retries may add to the traffic
 * @param backoff the wait before retrying where no fresh endpoint is left
 * @param maxHeldBytes a JSON answer is held whole (so a body cut short can be retried) up to this
 *     size; a larger one is relayed as it comes
 * @param maxTotalHeldBytes what every held answer may take together; past it an answer is relayed
 *     as it comes (0: a quarter of the JVM's maximum heap)
 */
public record UpstreamConfig(
    Duration connectTimeout,
    Duration firstByteTimeout,
    Duration idleTimeout,
    Duration totalTimeout,
    int maxAttempts,
    int maxConnectionsPerEndpoint,
    Duration keepalive,
    HealthCheckConfig healthCheck,
    CircuitBreakerConfig circuitBreaker,
    RetryBudgetConfig retryBudget,
    BackoffConfig backoff,
    long maxHeldBytes,
    long maxTotalHeldBytes) {

  /**
   * Periodic probes of each endpoint; a failed probe takes it out until a probe passes. Endpoints
   * that are out are probed every {@code unhealthyInterval}, the others every {@code interval}.
   */
  public record HealthCheckConfig(
      boolean enabled, String path, Duration interval, Duration unhealthyInterval, Duration timeout) {}

  /**
   * When a circuit opens: {@code consecutiveFailures} failures in a row, or at least {@code
   * failureRate} of the last {@code window} calls (once {@code minimumCalls} were made). It stays
   * open for {@code openBase}, doubling on each reopening up to {@code openMax}.
   */
  public record CircuitBreakerConfig(
      int consecutiveFailures, double failureRate, int window, int minimumCalls, Duration openBase, Duration openMax) {

    /** Opens after {@code failures} in a row only (no rate window). */
    public static CircuitBreakerConfig consecutive(int failures, Duration openBase, Duration openMax) {
      return new CircuitBreakerConfig(failures, 1.0, 0, Integer.MAX_VALUE, openBase, openMax);
    }
  }

  /**
   * Retries may add at most {@code ratio} of the requests of the last ten seconds, plus {@code
   * minPerSecond} (so a quiet gateway can still retry): no retry storm in a full outage.
   */
  public record RetryBudgetConfig(double ratio, int minPerSecond) {}

  /** Exponential back-off with full jitter, from {@code base} up to {@code max}. */
  public record BackoffConfig(Duration base, Duration max) {}

  static final Keys HEALTH_CHECK_KEYS =
      Keys.of("active probes of each endpoint; a failed probe takes it out until one passes")
      .key("enabled", "boolean", true, "whether endpoints are probed")
      .key("path", "URL path starting with /", "/health", "what is probed (a 2xx answer passes)")
      .key("interval_ms", "milliseconds > 0", 5_000, "how often an endpoint that is in is probed")
      .key("unhealthy_interval_ms", "milliseconds > 0, <= interval_ms", 1_000,
          "how often an endpoint that is out is probed, to re-admit it fast (default: at most interval_ms)")
      .key("timeout_ms", "milliseconds > 0", 2_000, "a probe slower than this fails");

  static final Keys CIRCUIT_BREAKER_KEYS = Keys.of("per endpoint: closed -> open -> half-open (one trial) -> closed")
      .key("consecutive_failures", "integer >= 1", 5, "failures in a row that open the circuit")
      .key("failure_rate", "number in (0, 1]", 0.5, "... or this share of the last `window` calls")
      .key("window", "integer 0..10000", 20, "calls the failure rate is measured over (0: no rate window)")
      .key("minimum_calls", "integer >= 1", 10, "calls needed before the failure rate counts")
      .key("open_ms", "milliseconds > 0", 1_000, "how long a circuit stays open; doubles on each reopening")
      .key("max_open_ms", "milliseconds >= open_ms", 30_000, "the longest a circuit stays open");

  static final Keys RETRY_BUDGET_KEYS =
      Keys.of("retries add at most ratio x requests of the last 10 s, plus min_per_second")
      .key("ratio", "number 0..10", 0.2, "retries per request")
      .key("min_per_second", "integer >= 0", 10, "retries always allowed per second, so a quiet gateway can retry");

  static final Keys BACKOFF_KEYS = Keys.of("the wait before retrying where no fresh endpoint is left (full jitter)")
      .key("base_ms", "milliseconds > 0", 25, "the first wait; doubles with each retry")
      .key("max_ms", "milliseconds >= base_ms", 1_000, "the longest wait");

  static final Keys KEYS = Keys.of("how the gateway talks to model endpoints: timeouts, retries, pooling and health")
      .key("connect_timeout_ms", "milliseconds > 0", 2_000, "to open a connection")
      .key("first_byte_timeout_ms", "milliseconds > 0", 60_000, "from sending the request to the answer's first byte")
      .key("idle_timeout_ms", "milliseconds > 0", 30_000, "the longest silence between two chunks of an answer")
      .key("total_timeout_ms", "milliseconds > 0", 600_000, "the whole exchange")
      .key("max_attempts", "integer 1..10", 3,
          "tries per request (other replicas, fallback models) before the first byte")
      .key("max_connections_per_endpoint", "integer >= 1", 256, "the connection pool of each endpoint")
      .key("keepalive_ms", "milliseconds > 0", 10_000,
          "a stream waiting for its first token gets an SSE comment this often")
      .key("max_held_bytes", "integer 0..2147483639", 8L << 20,
          "a JSON answer is held whole up to this (to retry one cut short); larger ones stream through")
      .key("max_total_held_bytes", "integer >= 0", 0,
          "every held answer together; past it answers stream through (0: a quarter of the JVM's heap)")
      .mapping("health_check", "mapping", null, HEALTH_CHECK_KEYS.doc(), HEALTH_CHECK_KEYS)
      .mapping("circuit_breaker", "mapping", null, CIRCUIT_BREAKER_KEYS.doc(), CIRCUIT_BREAKER_KEYS)
      .mapping("retry_budget", "mapping", null, RETRY_BUDGET_KEYS.doc(), RETRY_BUDGET_KEYS)
      .mapping("backoff", "mapping", null, BACKOFF_KEYS.doc(), BACKOFF_KEYS);

  static UpstreamConfig parse(ConfigNode n) {
    if (!n.isMissing()) {
      n.allowOnly(KEYS);
    }
    int attempts = n.integer("max_attempts", 3);
    n.get("max_attempts").check(attempts, a -> a >= 1 && a <= 10, "must be 1..10");
    int conns = n.integer("max_connections_per_endpoint", 256);
    n.get("max_connections_per_endpoint").check(conns, c -> c >= 1, "must be at least 1");
    long held = n.longValue("max_held_bytes", 8L << 20);
    n.get("max_held_bytes").check(held, h -> h >= 0 && h <= Integer.MAX_VALUE - 8, "must be 0..2147483639");
    long totalHeld = n.longValue("max_total_held_bytes", 0);
    n.get("max_total_held_bytes").check(totalHeld, t -> t >= 0, "must not be negative (0: a quarter of the heap)");

    return new UpstreamConfig(
        positive(n, "connect_timeout_ms", 2_000),
        positive(n, "first_byte_timeout_ms", 60_000),
        positive(n, "idle_timeout_ms", 30_000),
        positive(n, "total_timeout_ms", 600_000),
        attempts,
        conns,
        positive(n, "keepalive_ms", 10_000),
        section(n.get("health_check"), UpstreamConfig::healthCheck),
        section(n.get("circuit_breaker"), UpstreamConfig::circuitBreaker),
        section(n.get("retry_budget"), UpstreamConfig::retryBudget),
        section(n.get("backoff"), UpstreamConfig::backoff),
        held,
        totalHeld);
  }

  /** A nested section; when it is broken, its defaults stand in. */
  private static <T> T section(ConfigNode n, java.util.function.Function<ConfigNode, T> parse) {
    return n.attempt(() -> parse.apply(n), parse.apply(new ConfigNode(null, n.path())));
  }

  private static HealthCheckConfig healthCheck(ConfigNode hc) {
    if (!hc.isMissing()) {
      hc.allowOnly(HEALTH_CHECK_KEYS);
    }
    String path = hc.string("path", "/health");
    hc.get("path").check(path, p -> p.startsWith("/"), "must start with '/'");
    Duration interval = positive(hc, "interval_ms", 5_000);
    Duration unhealthy = positive(hc, "unhealthy_interval_ms", Math.min(1_000, interval.toMillis()));
    hc.get("unhealthy_interval_ms").check(unhealthy, u -> u.compareTo(interval) <= 0,
        "must not be above interval_ms (" + interval.toMillis() + ")");
    return new HealthCheckConfig(hc.bool("enabled", true), path, interval, unhealthy, positive(hc, "timeout_ms", 2_000));
  }

  private static CircuitBreakerConfig circuitBreaker(ConfigNode cb) {
    if (!cb.isMissing()) {
      cb.allowOnly(CIRCUIT_BREAKER_KEYS);
    }
    int failures = cb.integer("consecutive_failures", 5);
    cb.get("consecutive_failures").check(failures, f -> f >= 1, "must be at least 1");
    double rate = cb.number("failure_rate", 0.5);
    cb.get("failure_rate").check(rate, r -> r > 0 && r <= 1, "must be a share in (0, 1]");
    int window = cb.integer("window", 20);
    cb.get("window").check(window, w -> w >= 0 && w <= 10_000, "must be 0..10000 (0: no rate window)");
    int minimum = cb.integer("minimum_calls", 10);
    cb.get("minimum_calls").check(minimum, m -> m >= 1, "must be at least 1");
    Duration base = positive(cb, "open_ms", 1_000);
    Duration max = positive(cb, "max_open_ms", 30_000);
    cb.get("max_open_ms").check(max, m -> m.compareTo(base) >= 0, "must not be below open_ms (" + base.toMillis() + ")");
    return new CircuitBreakerConfig(failures, rate, window, minimum, base, max);
  }

  private static RetryBudgetConfig retryBudget(ConfigNode rb) {
    if (!rb.isMissing()) {
      rb.allowOnly(RETRY_BUDGET_KEYS);
    }
    double ratio = rb.number("ratio", 0.2);
    rb.get("ratio").check(ratio, r -> r >= 0 && r <= 10, "must be 0..10 (retries per request)");
    int min = rb.integer("min_per_second", 10);
    rb.get("min_per_second").check(min, m -> m >= 0, "must not be negative");
    return new RetryBudgetConfig(ratio, min);
  }

  private static BackoffConfig backoff(ConfigNode b) {
    if (!b.isMissing()) {
      b.allowOnly(BACKOFF_KEYS);
    }
    Duration base = positive(b, "base_ms", 25);
    Duration max = positive(b, "max_ms", 1_000);
    b.get("max_ms").check(max, m -> m.compareTo(base) >= 0, "must not be below base_ms (" + base.toMillis() + ")");
    return new BackoffConfig(base, max);
  }

  private static Duration positive(ConfigNode n, String key, long fallbackMs) {
    Duration d = n.millis(key, fallbackMs);
    n.get(key).check(d, v -> !v.isZero(), "must be positive");
    return d;
  }
}
