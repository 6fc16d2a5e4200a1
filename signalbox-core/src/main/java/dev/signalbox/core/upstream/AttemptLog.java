package dev.signalbox.core.upstream;

/** Where a request's attempts and reroutes are written down (the gateway's decision record). */
public interface AttemptLog {
  /** One try against one endpoint, with what came of it, e.g. {@code HTTP 500: overloaded}. */
  void attempt(String endpointId, String outcome, double millis);

  /** A move to another endpoint or model after a failure. */
  void reroute(String from, String to, String reason);

  /** Writes nothing. */
  AttemptLog NONE = new AttemptLog() {
    @Override
    public void attempt(String endpointId, String outcome, double millis) {}

    @Override
    public void reroute(String from, String to, String reason) {}
  };
}
