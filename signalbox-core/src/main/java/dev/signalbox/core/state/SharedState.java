package dev.signalbox.core.state;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A key-value store for state that outlives a process or is shared by gateway replicas: learned
 * routing state today, spend and limits later. Asynchronous so that a network store (Redis) fits
 * behind it without blocking callers; values are opaque bytes, keys are short paths such as {@code
 * learners/auto}. Implementations are thread-safe.
 */
public interface SharedState extends AutoCloseable {

  /** The value under a key, or empty. */
  CompletionStage<Optional<byte[]>> get(String key);

  /** Stores a value under a key, replacing any previous one; completes once it is durable. */
  CompletionStage<Void> put(String key, byte[] value);

  /** Removes a key; completes with whether it was there. */
  CompletionStage<Boolean> delete(String key);

  /** The keys that start with a prefix, sorted. */
  CompletionStage<List<String>> keys(String prefix);

  /** Where the state lives, for logs: {@code memory}, {@code file store at state/}. */
  String describe();

  /** Releases the store's resources after pending writes complete. */
  @Override
  void close();

  /** Fails on a key outside the portable alphabet (letters, digits and {@code . _ - : /}). */
  static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 200 || !key.matches("[A-Za-z0-9._:/-]+")) {
      throw new IllegalArgumentException("state keys use 1..200 of letters, digits and . _ - : / only, got '" + key + "'");
    }
    return key;
  }
}
