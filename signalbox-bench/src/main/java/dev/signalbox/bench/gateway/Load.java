package dev.signalbox.bench.gateway;

/**
 * One load of the gateway benchmark. The first three are the ({@code results.json}); the
 * paced ones run against the 20 ms mock and show in-flight capacity and unbuffered streaming.
 */
enum Load {
  C1("c1", 1, false, false, true, false),
  C64("c64", 64, false, false, true, false),
  STREAM_C1("stream_c1", 1, true, false, true, true),
  PACED_C64("paced_c64", 64, false, true, true, false),
  PACED_STREAM_C1("paced_stream_c1", 1, true, true, false, true);

  final String key;
  final int connections;
  final boolean stream;
  final boolean paced;
  /** Measured with wrk (requests/s and latency percentiles). */
  final boolean wrk;
  /** Measured with the first-chunk probe (time to first streamed chunk). */
  final boolean probe;

  Load(String key, int connections, boolean stream, boolean paced, boolean wrk, boolean probe) {
    this.key = key;
    this.connections = connections;
    this.stream = stream;
    this.paced = paced;
    this.wrk = wrk;
    this.probe = probe;
  }

  /** Whether {@code results.json} carries it (the shape). */
  boolean inResults() {
    return !paced;
  }
}
