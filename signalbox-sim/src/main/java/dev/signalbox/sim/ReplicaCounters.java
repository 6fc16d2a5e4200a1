package dev.signalbox.sim;

import java.util.concurrent.atomic.AtomicLong;

/** The event counters behind {@link ReplicaStats}, readable from any thread. */
final class ReplicaCounters {
  final AtomicLong received = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong invalid = new AtomicLong();
  final AtomicLong errorsInjected = new AtomicLong();
  final AtomicLong resets = new AtomicLong();
  final AtomicLong cuts = new AtomicLong();
  final AtomicLong spikes = new AtomicLong();
  final AtomicLong hangs = new AtomicLong();

  ReplicaStats snapshot(ServingEngine engine) {
    return new ReplicaStats(
        received.get(),
        completed.get(),
        engine == null ? 0 : engine.running(),
        engine == null ? 0 : engine.queued(),
        engine == null ? 0 : engine.maxRunningObserved(),
        rejected.get(),
        invalid.get(),
        errorsInjected.get(),
        resets.get(),
        cuts.get(),
        spikes.get(),
        hangs.get());
  }
}
