package dev.signalbox.redis;

/** The redis store could not be reached, or an operation on it failed or timed out; the message names the server and the operation. */
public final class RedisStateException extends RuntimeException {
  RedisStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
