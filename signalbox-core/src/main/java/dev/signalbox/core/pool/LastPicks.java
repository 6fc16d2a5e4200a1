package dev.signalbox.core.pool;

import dev.signalbox.core.request.RouteRequest;

/**
 * What each thread's last pick worked out to record, kept until {@link PoolStrategy#placed} says
 * the endpoint was used, so that the strategy records the numbers its pick computed without
 * computing them twice. Per thread: {@link Pool#select} picks and places on one thread while other
 * threads pick in between. A pick that is not used is forgotten at the thread's next pick.
 *
 * @param <T> what a pick records
 */
final class LastPicks<T> {
  private static final class Slot<T> {
    RouteRequest request;
    Endpoint endpoint;
    T numbers;
  }

  private final ThreadLocal<Slot<T>> slot = ThreadLocal.withInitial(Slot::new);

  /** Keeps what this thread's pick of {@code endpoint} for {@code request} would record. */
  void remember(RouteRequest request, Endpoint endpoint, T numbers) {
    Slot<T> s = slot.get();
    s.request = request;
    s.endpoint = endpoint;
    s.numbers = numbers;
  }

  /** What this thread's last pick kept, if it chose {@code endpoint} for {@code request}; else null. Forgets it. */
  T take(RouteRequest request, Endpoint endpoint) {
    Slot<T> s = slot.get();
    T numbers = s.request == request && s.endpoint == endpoint ? s.numbers : null;
    s.request = null;
    s.endpoint = null;
    s.numbers = null;
    return numbers;
  }
}
