package dev.signalbox.gateway.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Timers on a manual clock: nothing runs until the test moves time on. */
final class ManualTimers implements Timers {
  private record Task(long at, long order, Runnable run, boolean[] cancelled) {}

  private final List<Task> tasks = new ArrayList<>();
  private long now = 1_000_000_000_000L;
  private long order;

  long now() {
    return now;
  }

  @Override
  public Timer schedule(Runnable task, long delayNanos) {
    boolean[] cancelled = {false};
    tasks.add(new Task(now + delayNanos, order++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Moves time on by {@code nanos}, running every task that falls due, in order. */
  void advance(long nanos) {
    long until = now + nanos;
    while (true) {
      Task next = tasks.stream().filter(t -> t.at <= until && !t.cancelled[0])
          .min(Comparator.comparingLong(Task::at).thenComparingLong(Task::order)).orElse(null);
      if (next == null) {
        break;
      }
      tasks.remove(next);
      now = Math.max(now, next.at);
      next.run.run();
    }
    tasks.removeIf(t -> t.cancelled[0]);
    now = until;
  }
}
