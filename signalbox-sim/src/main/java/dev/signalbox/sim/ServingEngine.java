package dev.signalbox.sim;

import dev.signalbox.core.request.PrefixBlocks;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides when a simulated replica admits a request and when each of its tokens is ready: the
 * replica's latency and capacity model. One engine serves one replica, and every call to it and
 * from it happens on that replica's event loop, so implementations need no locking. Its timers
 * must be Vert.x timers.
 */
public interface ServingEngine {

  /** Makes the engine of one replica; {@code profile} gives the replica's current profile. */
  @FunctionalInterface
  interface Factory {
    /** An engine for a replica whose timers run on {@code vertx} (from the replica's context). */
    ServingEngine create(Vertx vertx, Supplier<ReplicaProfile> profile);
  }

  /**
   * One request's work.
   *
   * @param prompt the prompt as hashed blocks, computed when an engine that models a prefix cache asks
   * @param promptTokens tokens to prefill
   * @param outputTokens tokens to decode; 0 for embeddings, which only prefill
   * @param extraFirstTokenDelayMs added before the first token (an injected latency spike)
   * @param streaming whether the listener wants each token as it comes or only the end
   */
  record Job(Supplier<PrefixBlocks> prompt, int promptTokens, int outputTokens, double extraFirstTokenDelayMs,
      boolean streaming) {}

  /** Hears a job's progress, on the replica's event loop. */
  interface Listener {
    /** {@code produced} tokens are ready in all (growing with each call; streaming jobs only). */
    void tokensReady(int produced);

    /** The job is done: every token is ready and its slot is free. */
    void finished();
  }

  /** An admitted job (running or waiting). */
  interface Ticket {
    /** Stops the job and frees its slot or queue place; no-op when it is done. */
    void cancel();
  }

  /** Admits a job, or returns empty when the replica is full and its queue too. */
  Optional<Ticket> submit(Job job, Listener listener);

  /** Jobs being served now. */
  int running();

  /** Jobs waiting for a slot. */
  int queued();

  /** The most jobs ever served at once. */
  int maxRunningObserved();

  /** Share of the KV cache held by running jobs, 0 to 1 (0 for engines without one). */
  default double kvUsage() {
    return 0;
  }

  /** Prompt tokens looked up in the prefix cache so far (0 for engines without one). */
  default long prefixQueries() {
    return 0;
  }

  /** Prompt tokens found in the prefix cache so far. */
  default long prefixHits() {
    return 0;
  }
}
