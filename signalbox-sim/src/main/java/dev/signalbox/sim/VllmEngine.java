package dev.signalbox.sim;

import dev.signalbox.sim.vllm.EngineCore;
import dev.signalbox.sim.vllm.Sequence;
import io.vertx.core.Vertx;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The vLLM-like serving model ({@link EngineCore}) driven by Vert.x timers: one step after
 * another while there is work, each lasting what the core says, on the replica's event loop. The
 * engine's parameters are read from the profile when the replica starts. An injected latency
 * spike delays what the client hears of a job, not the engine's own work.
 */
public final class VllmEngine implements ServingEngine {
  /** Makes this engine for a replica whose profile has {@code engine: vllm}. */
  public static final Factory FACTORY = VllmEngine::new;

  private final Vertx vertx;
  private final EngineCore core;
  private final Set<Run> streaming = new LinkedHashSet<>();
  private final EngineCore.Events events = new EngineCore.Events() {
    @Override
    public void firstToken(Sequence s) {}

    @Override
    public void finished(Sequence s) {
      ((Run) s.owner()).finish();
    }
  };
  private boolean stepping;
  private long stepEndsAt;
  // Written on the event loop only; volatile so that stats() and tests may read them from any thread.
  private volatile int running;
  private volatile int queued;
  private volatile int maxRunning;
  private volatile double kvUsage;
  private volatile long prefixQueries;
  private volatile long prefixHits;

  /** An engine whose steps run on {@code vertx}, sized by the profile's {@code vllm} parameters. */
  public VllmEngine(Vertx vertx, Supplier<ReplicaProfile> profile) {
    ReplicaProfile p = profile.get();
    if (p.vllm() == null) {
      throw new IllegalArgumentException("the profile has no vllm engine parameters");
    }
    this.vertx = vertx;
    this.core = new EngineCore(p.vllm(), p.maxConcurrency(), p.maxQueue());
  }

  @Override
  public Optional<Ticket> submit(Job job, Listener listener) {
    Run run = new Run(job, listener);
    run.sequence = core.submit(job.prompt().get(), job.outputTokens(), run);
    if (run.sequence == null) {
      return Optional.empty();
    }
    if (job.streaming()) {
      streaming.add(run);
    }
    publish();
    if (!stepping) {
      step(System.nanoTime());
    }
    return Optional.of(run);
  }

  @Override
  public int running() {
    return running;
  }

  @Override
  public int queued() {
    return queued;
  }

  @Override
  public int maxRunningObserved() {
    return maxRunning;
  }

  @Override
  public double kvUsage() {
    return kvUsage;
  }

  @Override
  public long prefixQueries() {
    return prefixQueries;
  }

  @Override
  public long prefixHits() {
    return prefixHits;
  }

  private void step(long startNanos) {
    stepping = true;
    stepEndsAt = startNanos + (long) (core.beginStep() * 1_000_000);
    publish();
    long delayMs = Math.max(1, (stepEndsAt - System.nanoTime() + 999_999) / 1_000_000);
    vertx.setTimer(delayMs, id -> endStep());
  }

  private void endStep() {
    core.endStep(events);
    for (Run run : Set.copyOf(streaming)) {
      run.progress();
    }
    publish();
    stepping = false;
    if (!core.idle()) {
      // the next step starts when this one was due, so timer lateness does not add up
      step(Math.max(stepEndsAt, System.nanoTime() - 1_000_000));
    }
  }

  private void publish() {
    running = core.running();
    queued = core.waiting();
    maxRunning = Math.max(maxRunning, running);
    kvUsage = core.kvUsage();
    prefixQueries = core.prefixQueries();
    prefixHits = core.prefixHits();
  }

  /** One job from submission to its last token. */
  private final class Run implements Ticket {
    private final Job job;
    private final Listener listener;
    private Sequence sequence;
    private int told;
    private boolean done;

    Run(Job job, Listener listener) {
      this.job = job;
      this.listener = listener;
    }

    /** Tells a streaming listener of tokens produced since it last heard. */
    void progress() {
      int produced = sequence.produced();
      if (!done && produced > told) {
        told = produced;
        int upTo = produced;
        later(() -> listener.tokensReady(upTo));
      }
    }

    void finish() {
      if (job.streaming()) {
        progress();
        streaming.remove(this);
      }
      done = true;
      later(listener::finished);
    }

    /** Runs a notification now, or after the job's injected spike. */
    private void later(Runnable notification) {
      if (job.extraFirstTokenDelayMs() <= 0) {
        notification.run();
      } else {
        vertx.setTimer(Math.max(1, Math.round(job.extraFirstTokenDelayMs())), id -> notification.run());
      }
    }

    @Override
    public void cancel() {
      if (done) {
        return;
      }
      done = true;
      streaming.remove(this);
      core.cancel(sequence);
      publish();
    }
  }
}
