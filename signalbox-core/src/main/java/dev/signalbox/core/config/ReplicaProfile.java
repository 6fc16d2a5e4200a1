package dev.signalbox.core.config;

/**
 * How a simulated replica behaves: latency, capacity, answer length and injected faults.
 *
 * @param ttftMs time to first token when the replica is idle
 * @param tpotMs time per output token after the first
 * @param maxConcurrency requests served at once; more wait in a queue
 * @param maxQueue requests that may wait; beyond this the replica answers 503
 * @param outputTokens typical answer length in tokens (capped by the caller's max_tokens)
 * @param embeddingDimensions length of the vectors it returns for embeddings
 * @param faults injected failures
 */
public record ReplicaProfile(
    double ttftMs,
    double tpotMs,
    int maxConcurrency,
    int maxQueue,
    int outputTokens,
    int embeddingDimensions,
    Faults faults) {

  /**
   * Injected failures, each drawn per request from the replica's seeded random source.
   *
   * @param errorRate share of requests answered with {@code errorStatus}
   * @param errorStatus the HTTP status of injected errors
   * @param spikeRate share of requests whose first token is delayed by {@code spikeMs}
   * @param spikeMs the extra delay of a latency spike
   * @param resetRate share of requests whose connection is closed before any response
   * @param cutRate share of responses cut off mid-stream (connection closed halfway)
   * @param hangRate share of requests accepted and never answered (a blackholed replica; at 1.0
   *     its health probes hang too)
   */
  public record Faults(
      double errorRate,
      int errorStatus,
      double spikeRate,
      double spikeMs,
      double resetRate,
      double cutRate,
      double hangRate) {

    public static final Faults NONE = new Faults(0, 500, 0, 0, 0, 0, 0);

    /** Faults without hangs. */
    public Faults(double errorRate, int errorStatus, double spikeRate, double spikeMs, double resetRate,
        double cutRate) {
      this(errorRate, errorStatus, spikeRate, spikeMs, resetRate, cutRate, 0);
    }

    /** A replica that accepts every request and answers none. */
    public static Faults blackhole() {
      return new Faults(0, 500, 0, 0, 0, 0, 1.0);
    }

    static Faults parse(ConfigNode n) {
      if (n.isMissing()) {
        return NONE;
      }
      n.allowOnly("error_rate", "error_status", "spike_rate", "spike_ms", "reset_rate", "cut_rate", "hang_rate");
      int status = n.integer("error_status", 500);
      n.get("error_status").check(status, s -> s >= 400 && s <= 599, "must be an HTTP error status");
      return new Faults(
          rate(n, "error_rate"),
          status,
          rate(n, "spike_rate"),
          nonNegative(n, "spike_ms", 0),
          rate(n, "reset_rate"),
          rate(n, "cut_rate"),
          rate(n, "hang_rate"));
    }

    public boolean any() {
      return errorRate > 0 || spikeRate > 0 || resetRate > 0 || cutRate > 0 || hangRate > 0;
    }
  }

  /** A fast, fault-free replica. */
  public static ReplicaProfile fast() {
    return new ReplicaProfile(20, 2, 64, 1024, 32, 384, Faults.NONE);
  }

  public ReplicaProfile withFaults(Faults newFaults) {
    return new ReplicaProfile(
        ttftMs, tpotMs, maxConcurrency, maxQueue, outputTokens, embeddingDimensions, newFaults);
  }

  public static ReplicaProfile parse(ConfigNode n) {
    n.allowOnly(
        "ttft_ms", "tpot_ms", "max_concurrency", "max_queue", "output_tokens",
        "embedding_dimensions", "faults");
    int concurrency = n.integer("max_concurrency", 64);
    n.get("max_concurrency").check(concurrency, c -> c >= 1, "must be at least 1");
    int queue = n.integer("max_queue", 1024);
    n.get("max_queue").check(queue, q -> q >= 0, "must not be negative");
    int output = n.integer("output_tokens", 32);
    n.get("output_tokens").check(output, o -> o >= 1, "must be at least 1");
    int dims = n.integer("embedding_dimensions", 384);
    n.get("embedding_dimensions").check(dims, d -> d >= 1 && d <= 8192, "must be 1..8192");
    return new ReplicaProfile(
        nonNegative(n, "ttft_ms", 20),
        nonNegative(n, "tpot_ms", 2),
        concurrency,
        queue,
        output,
        dims,
        Faults.parse(n.get("faults")));
  }

  private static double rate(ConfigNode n, String key) {
    double r = n.number(key, 0);
    return n.get(key).check(r, v -> v >= 0 && v <= 1, "must be a share between 0 and 1");
  }

  private static double nonNegative(ConfigNode n, String key, double fallback) {
    double v = n.number(key, fallback);
    return n.get(key).check(v, x -> x >= 0, "must not be negative");
  }
}
