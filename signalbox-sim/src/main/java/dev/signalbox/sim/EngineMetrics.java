package dev.signalbox.sim;

import dev.signalbox.core.pool.ReplicaLoad;

/** A replica's {@code GET /metrics}: its engine's state in vLLM's Prometheus names. */
final class EngineMetrics {
  private EngineMetrics() {}

  static String render(String model, ServingEngine engine) {
    String labels = "{model_name=\"" + model.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    StringBuilder out = new StringBuilder(1024);
    sample(out, ReplicaLoad.RUNNING, "gauge", "Number of requests in model execution batches.", labels,
        engine.running());
    sample(out, ReplicaLoad.WAITING, "gauge", "Number of requests waiting to be processed.", labels,
        engine.queued());
    sample(out, ReplicaLoad.KV_USAGE, "gauge", "KV-cache usage. 1 means 100 percent usage.", labels,
        engine.kvUsage());
    sample(out, ReplicaLoad.PREFIX_QUERIES, "counter", "Prefix cache queries, in terms of number of queried tokens.",
        labels, engine.prefixQueries());
    sample(out, ReplicaLoad.PREFIX_HITS, "counter", "Prefix cache hits, in terms of number of cached tokens.",
        labels, engine.prefixHits());
    return out.toString();
  }

  private static void sample(StringBuilder out, String name, String type, String help, String labels, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(labels).append(' ').append(Double.toString(value)).append('\n');
  }
}
