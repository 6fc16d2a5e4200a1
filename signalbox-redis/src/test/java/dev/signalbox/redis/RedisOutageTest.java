package dev.signalbox.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.state.SharedState;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When Redis goes away the store's operations fail within the timeout, naming the server, and it reconnects when Redis is back. */
class RedisOutageTest {
  private static final long TIMEOUT_MS = 500;

  @RegisterExtension
  static final RedisServerProcess server = new RedisServerProcess();

  private static SharedState open() {
    return RedisStores.open("{store: redis, url: '" + server.url(0) + "', key_prefix: 'outage:', timeout_ms: "
        + TIMEOUT_MS + "}");
  }

  @Test
  void redisGoingAway_failsTheStageWithinTheTimeout_andTheStoreRecoversWhenItIsBack() throws Exception {
    try (SharedState s = open()) {
      s.put("k", "v".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get(5, TimeUnit.SECONDS);
      server.stop();

      long start = System.nanoTime();
      CompletableFuture<?> get = s.get("k").toCompletableFuture();
      assertThatThrownBy(() -> get.get(TIMEOUT_MS + 2000, TimeUnit.MILLISECONDS))
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RedisStateException.class)
          .hasMessageStartingWith("redis store at redis://127.0.0.1:" + server.port() + " db 0: get k failed: ");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(TIMEOUT_MS + 2000);

      server.start(); // nothing saved: the value is gone, but the connection comes back by itself
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        try {
          s.put("k", "again".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get(5, TimeUnit.SECONDS);
          break;
        } catch (ExecutionException e) {
          assertThat(System.nanoTime()).as("reconnected within 30 s").isLessThan(deadline);
        }
      }
      assertThat(s.get("k").toCompletableFuture().get(5, TimeUnit.SECONDS)).hasValueSatisfying(
          v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("again"));
    }
  }
}
