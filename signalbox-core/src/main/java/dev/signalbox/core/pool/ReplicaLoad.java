package dev.signalbox.core.pool;

/**
 * What a replica last reported about its own load, in vLLM's terms: requests waiting for a batch
 * slot, requests running, and the share of KV-cache blocks in use. A gateway reads it from the
 * replica's Prometheus {@code /metrics}; the simulator's bench sets it directly.
 *
 * @param waiting {@code vllm:num_requests_waiting}
 * @param running {@code vllm:num_requests_running}
 * @param kvUsage {@code vllm:gpu_cache_usage_perc}, a share between 0 and 1
 * @param atNanos when it was read ({@link System#nanoTime()} or the caller's clock)
 */
public record ReplicaLoad(int waiting, int running, double kvUsage, long atNanos) {
  /** The metric names, as vLLM exposes them. */
  public static final String WAITING = "vllm:num_requests_waiting";
  public static final String RUNNING = "vllm:num_requests_running";
  public static final String KV_USAGE = "vllm:gpu_cache_usage_perc";
  public static final String PREFIX_QUERIES = "vllm:prefix_cache_queries_total";
  public static final String PREFIX_HITS = "vllm:prefix_cache_hits_total";

  /** Nothing reported yet. */
  public static final ReplicaLoad UNKNOWN = new ReplicaLoad(0, 0, 0, Long.MIN_VALUE);

  /** Whether it was read within {@code maxAgeNanos} of {@code nowNanos}. */
  public boolean freshAt(long nowNanos, long maxAgeNanos) {
    return atNanos != Long.MIN_VALUE && nowNanos - atNanos <= maxAgeNanos;
  }

  /** Requests on the replica, waiting or running. */
  public int requests() {
    return waiting + running;
  }

  /**
   * Reads the load from Prometheus text exposition; a metric present under several label sets
   * (several models on one server) is summed, except the KV share, which takes the largest.
   */
  public static ReplicaLoad fromPrometheus(CharSequence text, long atNanos) {
    return new ReplicaLoad((int) sample(text, WAITING, false), (int) sample(text, RUNNING, false),
        sample(text, KV_USAGE, true), atNanos);
  }

  /**
   * The value of a metric in Prometheus text exposition: summed over its label sets, or their
   * largest when {@code max}; 0 when absent.
   */
  public static double sample(CharSequence text, String metric, boolean max) {
    double total = 0;
    int start = 0;
    int n = text.length();
    while (start < n) {
      int end = start;
      while (end < n && text.charAt(end) != '\n') {
        end++;
      }
      String line = text.subSequence(start, end).toString().trim();
      start = end + 1;
      if (line.startsWith(metric) && line.length() > metric.length()
          && (line.charAt(metric.length()) == '{' || line.charAt(metric.length()) == ' ')) {
        double value = valueOf(line);
        total = max ? Math.max(total, value) : total + value;
      }
    }
    return total;
  }

  /** The sample's value: the first field after the name and labels (a timestamp may follow). */
  private static double valueOf(String line) {
    int closing = line.lastIndexOf('}');
    String rest = (closing >= 0 ? line.substring(closing + 1) : line.substring(line.indexOf(' ') + 1)).trim();
    int space = rest.indexOf(' ');
    try {
      return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
