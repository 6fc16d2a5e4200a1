package dev.signalbox.gateway.proxy;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One-shot timers on the thread a call runs on: its event loop's scheduler, or a test's manual one. */
public interface Timers {
  /** A scheduled task that has not run yet. */
  interface Timer {
    void cancel();
  }

  /** Runs {@code task} after {@code delayNanos}. */
  Timer schedule(Runnable task, long delayNanos);

  /** Timers on a scheduler (the Netty event loop). */
  static Timers on(ScheduledExecutorService scheduler) {
    return (task, delayNanos) -> {
      ScheduledFuture<?> f = scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }
}
