package dev.signalbox.core.upstream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the self-healing machinery did: circuit transitions, probe changes, reroutes and fallbacks,
 * retries refused by the budget. Each is counted, kept in a bounded list of recent events (for
 * {@code GET /admin/events} and the fault bench), and logged — at most a few lines a second, so a
 * failure storm cannot flood the log; the rest are counted as suppressed.
 */
public final class ResilienceLog {
  /** One event. {@code atNanos} is {@link System#nanoTime()}; {@code atMillis} wall-clock time. */
  public record Event(long atNanos, long atMillis, String kind, String subject, String detail) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", atMillis / 1000.0); // seconds, as every time the API gives
      m.put("kind", kind);
      m.put("subject", subject);
      m.put("detail", detail);
      return m;
    }
  }

  private static final System.Logger LOG = System.getLogger(ResilienceLog.class.getName());
  private static final int KEEP = 1_000;
  private static final int LOG_LINES_PER_SECOND = 5;

  private final ConcurrentLinkedDeque<Event> recent = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final Map<String, LongAdder> counts = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicLong logSecond = new AtomicLong();
  private final AtomicInteger loggedThisSecond = new AtomicInteger();
  private final AtomicLong suppressed = new AtomicLong();
  private volatile Consumer<String> onCount = kind -> { };

  /** Also tells {@code listener} the kind of every event counted from now on (e.g. into metrics). */
  public void countInto(Consumer<String> listener) {
    this.onCount = listener;
  }

  /** Records an event of a kind (e.g. {@code reroute}) about a subject (e.g. an endpoint id). */
  public void record(String kind, String subject, String detail) {
    count(kind);
    long now = System.nanoTime();
    recent.addLast(new Event(now, System.currentTimeMillis(), kind, subject, detail));
    if (size.incrementAndGet() > KEEP && recent.pollFirst() != null) {
      size.decrementAndGet();
    }
    log(now, kind + " " + subject + ": " + detail);
  }

  /**
   * Counts and logs an event without keeping it: one per failed request (an escalation) would
   * push the rarer circuit transitions out of the recent list.
   */
  public void note(String kind, String subject, String detail) {
    count(kind);
    log(System.nanoTime(), kind + " " + subject + ": " + detail);
  }

  /** Counts an event without keeping or logging it (frequent, self-explanatory ones). */
  public void count(String kind) {
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    onCount.accept(kind);
  }

  /** How many events of each kind so far. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public long count(String kind, long orElse) {
    LongAdder a = counts.get(kind);
    return a == null ? orElse : a.sum();
  }

  /** Up to {@code limit} recent events, oldest first. */
  public List<Event> recent(int limit) {
    List<Event> out = new ArrayList<>();
    for (Iterator<Event> it = recent.descendingIterator(); it.hasNext() && out.size() < limit; ) {
      out.add(it.next());
    }
    java.util.Collections.reverse(out);
    return out;
  }

  private void log(long nowNanos, String line) {
    long second = nowNanos / 1_000_000_000L;
    long previous = logSecond.get();
    if (previous != second && logSecond.compareAndSet(previous, second)) {
      loggedThisSecond.set(0);
      long dropped = suppressed.getAndSet(0);
      if (dropped > 0) {
        LOG.log(System.Logger.Level.INFO, "{0} similar events were not logged (see GET /admin/events)", dropped);
      }
    }
    if (loggedThisSecond.incrementAndGet() <= LOG_LINES_PER_SECOND) {
      LOG.log(System.Logger.Level.INFO, line);
    } else {
      suppressed.incrementAndGet();
    }
  }
}
