package dev.signalbox.gateway;

import java.security.SecureRandom;

/**
 * Request ids the gateway makes itself: {@code sbx-} and 32 hex digits (128 random bits), always
 * the same length. They are unguessable, since an id is what {@code POST /v1/feedback} and
 * {@code GET /v1/decisions/{id}} take: random bytes come from {@link SecureRandom} a few kilobytes
 * at a time, so an id costs a copy, not a system call. One per event loop (not thread-safe).
 */
final class RequestIds {
  private static final int BATCH = 4096;
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final SecureRandom random = new SecureRandom();
  private final byte[] pool = new byte[BATCH];
  private int next = BATCH;

  String next() {
    if (next + 16 > BATCH) {
      random.nextBytes(pool);
      next = 0;
    }
    byte[] id = new byte[4 + 32];
    id[0] = 's';
    id[1] = 'b';
    id[2] = 'x';
    id[3] = '-';
    for (int i = 0; i < 16; i++) {
      int b = pool[next + i] & 0xff;
      id[4 + 2 * i] = HEX[b >>> 4];
      id[5 + 2 * i] = HEX[b & 0xf];
    }
    next += 16;
    return new String(id, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
