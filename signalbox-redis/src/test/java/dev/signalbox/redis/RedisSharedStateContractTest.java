package dev.signalbox.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.state.SharedState;
import dev.signalbox.testkit.SharedStateContract;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The redis store keeps the shared-state contract on a real redis-server, opened from {@code state:}. */
class RedisSharedStateContractTest extends SharedStateContract {
  @RegisterExtension
  static final RedisServerProcess server = new RedisServerProcess();

  /** Each test its own prefix on the one server, so each starts empty. */
  private final String prefix = "test-" + UUID.randomUUID() + ":";

  @Override
  protected SharedState openStore() {
    return open(prefix);
  }

  /** Data lives in the server, not the store: a store opened again on the same prefix sees it. */
  @Override
  protected boolean persists() {
    return true;
  }

  private static SharedState open(String keyPrefix) {
    return RedisStores.open("{store: redis, url: '" + server.url(0) + "', key_prefix: '" + keyPrefix + "'}");
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void twoGatewayReplicas_seeEachOthersWrites() {
    try (SharedState a = open(prefix); SharedState b = open(prefix)) {
      join(a.put("learners/auto", bytes("from a")));
      assertThat(join(b.get("learners/auto"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("from a")));
      join(b.put("learners/auto", bytes("from b")));
      join(b.put("learners/adaptive", bytes("b too")));
      assertThat(join(a.get("learners/auto"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("from b")));
      assertThat(join(a.keys("learners/"))).containsExactly("learners/adaptive", "learners/auto");
      assertThat(join(a.delete("learners/adaptive"))).isTrue();
      assertThat(join(b.get("learners/adaptive"))).isEmpty();
    }
  }

  @Test
  void storesWithOtherPrefixes_orDatabases_doNotSeeEachOther() {
    try (SharedState a = open(prefix); SharedState other = open("other-" + prefix);
        SharedState otherDb = RedisStores.open("{store: redis, url: '" + server.url(1) + "', key_prefix: '"
            + prefix + "'}")) {
      join(a.put("k", bytes("a")));
      join(other.put("k", bytes("other")));
      assertThat(join(a.keys(""))).containsExactly("k");
      assertThat(join(other.keys(""))).containsExactly("k");
      assertThat(join(a.get("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("a")));
      assertThat(join(otherDb.get("k"))).isEmpty();
    }
  }

  @Test
  void aPrefixWithGlobCharacters_isMatchedLiterally() {
    try (SharedState star = open("*" + prefix); SharedState plain = open("x" + prefix)) {
      join(plain.put("k", bytes("plain")));
      join(star.put("j", bytes("star")));
      assertThat(join(star.keys(""))).containsExactly("j");
    }
  }

  @Test
  void keysScanPastOnePage() {
    try (SharedState s = open(prefix)) {
      for (int i = 0; i < 1200; i++) {
        join(s.put(String.format("many/%04d", i), bytes("v")));
      }
      assertThat(join(s.keys("many/"))).hasSize(1200).isSorted().first().isEqualTo("many/0000");
      assertThat(join(s.keys("many/11"))).hasSize(100);
    }
  }

  @Test
  void describe_namesTheServerAndPrefix() {
    try (SharedState s = open(prefix)) {
      assertThat(s.describe()).isEqualTo("redis store at redis://127.0.0.1:" + server.port() + " db 0, keys under '"
          + prefix + "'");
    }
  }

  @Test
  void theDefaultPrefix_isSignalbox() {
    try (SharedState s = RedisStores.open("{store: redis, url: '" + server.url(2) + "'}")) {
      join(s.put("learners/" + prefix, bytes("v")));
      assertThat(s.describe()).endsWith("keys under 'signalbox:'");
      assertThat(join(s.keys("learners/" + prefix))).containsExactly("learners/" + prefix);
      assertThat(join(s.delete("learners/" + prefix))).isTrue();
    }
  }

  @Test
  void close_waitsForWritesUnderWay() {
    SharedState s = open(prefix);
    for (int i = 0; i < 500; i++) {
      s.put("w/" + i, bytes("v" + i)); // not joined
    }
    s.close();
    try (SharedState again = open(prefix)) {
      assertThat(join(again.keys("w/"))).hasSize(500);
      assertThat(join(again.get("w/499"))).map(v -> new String(v, StandardCharsets.UTF_8)).isEqualTo(Optional.of("v499"));
    }
  }
}
