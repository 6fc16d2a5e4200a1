package dev.signalbox.sim;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simplest serving model: up to {@code max_concurrency} jobs at once, each taking
 * {@code ttft_ms} to its first token and {@code tpot_ms} per further token regardless of load,
 * and a FIFO queue of {@code max_queue} for the rest. Timing uses the profile current when a job
 * was submitted; the slot count uses the current one.
 */
public final class FixedLatencyEngine implements ServingEngine {
  /** Makes this engine for a replica. */
  public static final Factory FACTORY = FixedLatencyEngine::new;

  private final Vertx vertx;
  private final Supplier<ReplicaProfile> profile;
  private final ArrayDeque<Run> waiting = new ArrayDeque<>();
  // Written on the event loop only; volatile so that stats() may read them from any thread.
  private volatile int running;
  private volatile int queued;
  private volatile int maxRunning;

  /** An engine whose timers run on {@code vertx}, reading capacity from {@code profile}. */
  public FixedLatencyEngine(Vertx vertx, Supplier<ReplicaProfile> profile) {
    this.vertx = vertx;
    this.profile = profile;
  }

  @Override
  public Optional<Ticket> submit(Job job, Listener listener) {
    ReplicaProfile p = profile.get();
    Run run = new Run(job, listener, p);
    if (running < p.maxConcurrency() && waiting.isEmpty()) {
      run.start();
    } else if (waiting.size() < p.maxQueue()) {
      waiting.addLast(run);
      queued = waiting.size();
    } else {
      return Optional.empty();
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

  private void release() {
    running--;
    int slots = profile.get().maxConcurrency();
    while (running < slots && !waiting.isEmpty()) {
      waiting.pollFirst().start();
    }
    queued = waiting.size();
  }

  /** One job from admission to its last token. */
  private final class Run implements Ticket {
    private final Job job;
    private final Listener listener;
    private final double ttftMs;
    private final double tpotMs;
    private boolean started;
    private boolean done;
    private long timer = -1;
    private long firstTokenAt;
    private int produced;

    Run(Job job, Listener listener, ReplicaProfile p) {
      this.job = job;
      this.listener = listener;
      this.ttftMs = p.ttftMs() + job.extraFirstTokenDelayMs();
      this.tpotMs = p.tpotMs();
    }

    void start() {
      started = true;
      running++;
      maxRunning = Math.max(maxRunning, running);
      firstTokenAt = System.nanoTime() + millisToNanos(ttftMs);
      schedule(firstTokenAt);
    }

    private void schedule(long dueNanos) {
      long delayMs = Math.max(1, (dueNanos - System.nanoTime() + 999_999) / 1_000_000);
      timer = vertx.setTimer(delayMs, id -> tick());
    }

    private void tick() {
      timer = -1;
      if (done) {
        return;
      }
      int total = job.outputTokens();
      int ready = total == 0 ? 0 : readyBy(System.nanoTime(), total);
      if (ready < total) {
        if (job.streaming() && ready > produced) {
          produced = ready;
          listener.tokensReady(ready);
          if (done) {
            return; // the listener cancelled
          }
        }
        schedule(tokenDue(job.streaming() ? produced : total - 1));
        return;
      }
      if (job.streaming() && total > produced) {
        produced = total;
        listener.tokensReady(total);
        if (done) {
          return;
        }
      }
      done = true;
      release();
      listener.finished();
    }

    /** Tokens ready at {@code now}: the first at {@code firstTokenAt}, then one per tpot. */
    private int readyBy(long now, int total) {
      if (now < firstTokenAt) {
        return 0;
      }
      if (tpotMs <= 0) {
        return total;
      }
      long steps = (now - firstTokenAt) / Math.max(1, millisToNanos(tpotMs));
      return (int) Math.min(total, 1 + steps);
    }

    /** When the token with this 0-based index is ready. */
    private long tokenDue(int index) {
      return firstTokenAt + (long) (index * tpotMs * 1_000_000);
    }

    @Override
    public void cancel() {
      if (done) {
        return;
      }
      done = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (started) {
        release();
      } else {
        waiting.remove(this);
        queued = waiting.size();
      }
    }
  }

  private static long millisToNanos(double ms) {
    return (long) (ms * 1_000_000);
  }
}
