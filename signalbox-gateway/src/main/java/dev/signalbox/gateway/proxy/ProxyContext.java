package dev.signalbox.gateway.proxy;

import dev.signalbox.core.config.UpstreamConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.upstream.Upstreams;
import dev.signalbox.gateway.MemoryBudget;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * What every proxied call of one event loop shares: its timers and clock, its upstream client,
 * the gateway's endpoints and limits, and the list of its calls in flight.
 *
 * @param clock nanoseconds ({@link System#nanoTime()} but in tests)
 * @param jitter a uniformly random number in [0, bound], for back-off waits
 * @param text scrubs upstream text of the endpoints' keys
 * @param heldAnswers the bytes every answer held whole may take together
 */
public record ProxyContext(Timers timers, LongSupplier clock, LongUnaryOperator jitter, UpstreamClient client,
    UpstreamConfig config, Upstreams upstreams, Catalog catalog, UpstreamText text, MemoryBudget heldAnswers,
    ActiveCalls active) {}
