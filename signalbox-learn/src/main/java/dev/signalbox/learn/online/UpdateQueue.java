package dev.signalbox.learn.online;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer of a learner's state. Inline, an update is applied on the caller's thread
 * before {@code submit} returns (the online evaluator: reproducible). Asynchronous, updates are
 * queued and a daemon thread applies them in batches, in order, off the request path (the
 * gateway). Either way one lock admits one writer at a time, so the applier needs no other.
 *
 * @param <T> one update
 */
public final class UpdateQueue<T> implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(UpdateQueue.class.getName());
  private static final int MAX_BATCH = 1024;

  private final Consumer<List<T>> applier;
  private final ReentrantLock writer = new ReentrantLock();
  private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param name the writer thread's name
   * @param applier applies one batch of updates, in submission order
   * @param async whether a background thread applies them
   */
  public UpdateQueue(String name, Consumer<List<T>> applier, boolean async) {
    this.applier = applier;
    if (async) {
      thread = new Thread(this::loop, name);
      thread.setDaemon(true);
      thread.start();
    } else {
      thread = null;
    }
  }

  /** Applies an update now (inline) or queues it (asynchronous). */
  public void submit(T update) {
    submitted.incrementAndGet();
    if (thread == null) {
      writer.lock();
      try {
        apply(new ArrayList<>(List.of(update)));
      } finally {
        writer.unlock();
      }
    } else {
      queue.add(update);
    }
  }

  /** Returns once every update submitted before the call has been applied. */
  public void flush() {
    long target = submitted.get();
    while (applied.get() < target) {
      if (thread == null || !thread.isAlive()) {
        drain(new ArrayList<>());
      } else {
        // Wait for the writer rather than drain here: it may hold an update it took from the
        // queue but has not applied yet, and applying later ones first would break the order.
        LockSupport.parkNanos(100_000);
      }
    }
  }

  /** Stops the writer thread after applying what is queued. */
  @Override
  public void close() {
    flush();
    closed = true;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void loop() {
    List<T> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        continue;
      }
      writer.lock();
      try {
        queue.drainTo(batch, MAX_BATCH - batch.size());
        apply(batch);
      } finally {
        writer.unlock();
      }
    }
  }

  private void drain(List<T> batch) {
    writer.lock();
    try {
      queue.drainTo(batch);
      apply(batch);
    } finally {
      writer.unlock();
    }
  }

  private void apply(List<T> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      applier.accept(batch);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a learner update failed; its batch is dropped", e); // the writer must live on
    } finally {
      applied.addAndGet(batch.size());
      batch.clear();
    }
  }
}
