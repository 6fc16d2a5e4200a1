package dev.signalbox.bench.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the resident memory of a process tree ten times a second while a load runs. */
final class RssSampler implements AutoCloseable {
  private final AtomicLong maxKb = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  RssSampler(BenchProcess process) {
    thread = new Thread(() -> {
      while (running) {
        List<Long> pids = process.pids();
        maxKb.accumulateAndGet(ProcessMemory.rssKb(pids), Math::max);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rss-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops sampling and returns the largest resident set seen, in KiB. */
  long stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return maxKb.get();
  }

  @Override
  public void close() {
    stop();
  }
}
