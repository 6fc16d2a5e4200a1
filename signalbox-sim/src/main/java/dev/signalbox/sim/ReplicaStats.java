package dev.signalbox.sim;

/**
 * Counters of one simulated replica since it started. Counts cover the inference endpoints
 * (chat, completions, embeddings), not {@code /health} or {@code /v1/models}.
 *
 * @param received requests that arrived
 * @param completed requests answered in full with 200
 * @param inFlight requests being served now (holding a concurrency slot)
 * @param queued requests waiting for a slot now
 * @param maxConcurrencyObserved the most requests ever served at once
 * @param rejected requests refused with 503 because the queue was full
 * @param invalid requests refused with a 4xx for what they asked (bad JSON, unknown model, ...)
 * @param errorsInjected requests answered with the profile's injected error status
 * @param resets connections closed before any response, by injection
 * @param cuts responses cut off midway, by injection
 * @param spikes requests whose first token was delayed by an injected latency spike
 * @param hangs requests accepted and never answered, by injection
 */
public record ReplicaStats(
    long received,
    long completed,
    int inFlight,
    int queued,
    int maxConcurrencyObserved,
    long rejected,
    long invalid,
    long errorsInjected,
    long resets,
    long cuts,
    long spikes,
    long hangs) {}
