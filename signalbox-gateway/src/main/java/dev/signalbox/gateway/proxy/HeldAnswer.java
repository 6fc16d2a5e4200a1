package dev.signalbox.gateway.proxy;

import dev.signalbox.gateway.MemoryBudget;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * An answer held until it is complete, so that one cut short can still be retried elsewhere. Its
 * bytes count against the gateway-wide budget of held answers; when a chunk would pass either
 * the per-answer or the global limit, {@link #append} refuses it and the caller relays the answer
 * as it comes instead. Grows with what arrives (a declared Content-Length is not trusted).
 */
final class HeldAnswer {
  private static final int FIRST_CAPACITY = 16 << 10;

  private final MemoryBudget budget;
  private final long max;
  private Buffer bytes;
  private long reserved;

  HeldAnswer(MemoryBudget budget, long max, String declaredLength) {
    this.budget = budget;
    this.max = max;
    this.bytes = Buffer.buffer((int) Math.min(FIRST_CAPACITY, Math.max(256, parse(declaredLength))));
  }

  /** Holds {@code chunk} too, or returns false (holding nothing more) when it would not fit. */
  boolean append(Buffer chunk) {
    int n = chunk.length();
    if (bytes.length() + (long) n > max || !budget.tryReserve(n)) {
      return false;
    }
    reserved += n;
    bytes.appendBuffer(chunk);
    return true;
  }

  int length() {
    return bytes.length();
  }

  /** The bytes held so far (still counted until {@link #release}). */
  Buffer bytes() {
    return bytes;
  }

  /**
   * Counts the bytes until {@code write} completes, since until then they are still in memory
   * (copied for the socket as the client reads); a write that fails closes nothing here, but
   * frees the budget all the same.
   */
  void releaseWhenWritten(Future<Void> write) {
    write.onComplete(ar -> release());
  }

  /** Stops counting the bytes against the budget; once. */
  void release() {
    budget.release(reserved);
    reserved = 0;
  }

  private static long parse(String length) {
    if (length == null) {
      return 0;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
