package dev.signalbox.redis;

import dev.signalbox.core.state.SharedState;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A {@link SharedState} on one Redis server (or the master its sentinels name): each key is a
 * Redis string under the store's prefix ({@code learners/auto} is {@code signalbox:learners/auto}),
 * read and written on one connection through Lettuce's asynchronous API. An operation that cannot
 * finish in the timeout, the server being down, fails its stage with a {@link RedisStateException};
 * the connection reconnects by itself.
 */
public final class RedisSharedState implements SharedState {
  private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final int SCAN_BATCH = 500;

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisAsyncCommands<String, byte[]> redis;
  private final RedisSettings settings;
  private final String where;
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisSharedState(RedisClient client, StatefulRedisConnection<String, byte[]> connection,
      RedisSettings settings) {
    this.client = client;
    this.connection = connection;
    this.redis = connection.async();
    this.settings = settings;
    this.where = where(settings.uri());
  }

  /** Connects to the server; fails with a {@link RedisStateException} when it cannot be reached in the timeout. */
  public static RedisSharedState open(RedisSettings settings) {
    RedisURI uri = settings.uri();
    uri.setTimeout(settings.timeout());
    RedisClient client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
        .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).build())
        .build());
    try {
      return new RedisSharedState(client, client.connect(CODEC), settings);
    } catch (RedisException e) {
      client.shutdown(0, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      throw new RedisStateException("cannot reach the redis store at " + where(uri) + ": " + message(e), e);
    }
  }

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    String k = redisKey(key);
    return track("get " + key, redis.get(k).thenApply(Optional::ofNullable));
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value) {
    String k = redisKey(key);
    return track("put " + key, redis.set(k, value.clone()).thenApply(ok -> null));
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    String k = redisKey(key);
    return track("delete " + key, redis.del(k).thenApply(n -> n > 0));
  }

  @Override
  public CompletionStage<List<String>> keys(String prefix) {
    String start = settings.keyPrefix() + prefix;
    ScanArgs args = ScanArgs.Builder.matches(glob(start) + "*").limit(SCAN_BATCH);
    List<String> found = Collections.synchronizedList(new ArrayList<>());
    return track("list " + prefix + "*", scan(ScanCursor.INITIAL, args, found).thenApply(done -> found.stream()
        .filter(k -> k.startsWith(start)).map(k -> k.substring(settings.keyPrefix().length()))
        .sorted().distinct().collect(Collectors.toList())));
  }

  @Override
  public String describe() {
    return "redis store at " + where + ", keys under '" + settings.keyPrefix() + "'";
  }

  /** Waits (up to the timeout) for operations under way, then closes the connection and the client; once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
          .get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // a failed write has already failed its caller's stage
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connection.close();
      client.shutdown(0, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Pages through SCAN (never KEYS, which stops the server for a large database). */
  private CompletionStage<Void> scan(ScanCursor cursor, ScanArgs args, List<String> found) {
    return redis.scan(cursor, args).thenCompose((KeyScanCursor<String> page) -> {
      found.addAll(page.getKeys());
      return page.isFinished() ? CompletableFuture.completedFuture(null) : scan(page, args, found);
    });
  }

  /** Keeps the operation until it completes, for {@link #close}, and names it in its failure. */
  private <T> CompletionStage<T> track(String operation, CompletionStage<T> stage) {
    CompletableFuture<T> f = stage.toCompletableFuture().handle((value, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        throw new RedisStateException("redis store at " + where + ": " + operation + " failed: " + message(cause), cause);
      }
      return value;
    });
    pending.add(f);
    f.whenComplete((v, e) -> pending.remove(f));
    return f;
  }

  private String redisKey(String key) {
    return settings.keyPrefix() + SharedState.checkKey(key);
  }

  /** {@code text} matched literally in a SCAN pattern. */
  private static String glob(String text) {
    return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }

  /** The server (or sentinels) and database, never the password. */
  static String where(RedisURI uri) {
    String db = " db " + uri.getDatabase();
    if (!uri.getSentinels().isEmpty()) {
      return "master " + uri.getSentinelMasterId() + " of sentinels " + uri.getSentinels().stream()
          .map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(",")) + db;
    }
    if (uri.getSocket() != null) {
      return uri.getSocket() + db;
    }
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + db;
  }

  private static String message(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
