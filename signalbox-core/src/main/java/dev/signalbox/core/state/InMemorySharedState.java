package dev.signalbox.core.state;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link SharedState} in this process's memory: lost at exit, shared by nothing; the default. */
public final class InMemorySharedState implements SharedState {
  private final ConcurrentSkipListMap<String, byte[]> values = new ConcurrentSkipListMap<>();

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    byte[] v = values.get(SharedState.checkKey(key));
    return CompletableFuture.completedFuture(Optional.ofNullable(v == null ? null : v.clone()));
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value) {
    values.put(SharedState.checkKey(key), value.clone());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    return CompletableFuture.completedFuture(values.remove(SharedState.checkKey(key)) != null);
  }

  @Override
  public CompletionStage<List<String>> keys(String prefix) {
    return CompletableFuture.completedFuture(List.copyOf(values.subMap(prefix, prefix + Character.MAX_VALUE).keySet()));
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {}
}
