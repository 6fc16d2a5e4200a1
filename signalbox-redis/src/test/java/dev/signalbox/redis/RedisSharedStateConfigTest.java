package dev.signalbox.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.StateConfig;
import dev.signalbox.core.state.SharedStates;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code state: {store: redis, ...}} is read, checked and reported like the built-in stores' settings; no server is needed. */
class RedisSharedStateConfigTest {

  private static StateConfig state(String state) {
    return ConfigLoader.parse("models: [{name: m, endpoints: [{url: 'http://127.0.0.1:1'}]}]\nstate: " + state + "\n",
        name -> null).state();
  }

  @Test
  void theStoreIsFound_withItsSettingsAndDefaults() {
    assertThat(SharedStates.stores()).containsExactly("memory", "file", "redis");
    assertThat(SharedStates.keys().get("redis").names()).containsExactly("url", "key_prefix", "timeout_ms");
    RedisSettings s = (RedisSettings) SharedStates.settings(state("{store: redis, url: 'redis://10.0.0.5:6380/3'}"));
    assertThat(s.uri().getHost()).isEqualTo("10.0.0.5");
    assertThat(s.uri().getPort()).isEqualTo(6380);
    assertThat(s.uri().getDatabase()).isEqualTo(3);
    assertThat(s.keyPrefix()).isEqualTo("signalbox:");
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
    RedisSettings given = (RedisSettings) SharedStates.settings(
        state("{store: redis, url: 'rediss://db.internal', key_prefix: 'gw-eu:', timeout_ms: 250}"));
    assertThat(given.uri().isSsl()).isTrue();
    assertThat(given.keyPrefix()).isEqualTo("gw-eu:");
    assertThat(given.timeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aBadUrl_failsNamingStateUrl_withoutQuotingItsPassword() {
    for (String bad : new String[] {"localhost:6379", "http://127.0.0.1:6379", "redis://:s3cret@h:99999",
        "redis://:s3cret@h/notadb"}) {
      assertThatThrownBy(() -> state("{store: redis, url: '" + bad + "'}")).as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("state.url: not a Redis URL")
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void aMissingUrl_orAZeroTimeout_orAnUnknownKey_failsNamingTheKey() {
    assertThatThrownBy(() -> state("{store: redis}")).hasMessage("state.url: required key is missing");
    assertThatThrownBy(() -> state("{store: redis, url: 'redis://h', timeout_ms: 0}"))
        .hasMessage("state.timeout_ms: must be at least 1");
    assertThatThrownBy(() -> state("{store: redis, url: 'redis://h', urls: ['redis://a']}"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("state.urls:");
    assertThatThrownBy(() -> state("{store: file, path: x, url: 'redis://h'}"))
        .hasMessage("state.url: only the redis store has a url");
  }

  @Test
  void where_namesServerOrSentinels_neverThePassword() {
    assertThat(RedisSharedState.where(RedisURI.create("redis://:s3cret@cache.internal:6380/2")))
        .isEqualTo("redis://cache.internal:6380 db 2");
    assertThat(RedisSharedState.where(RedisURI.create("rediss://user:s3cret@cache.internal")))
        .isEqualTo("rediss://cache.internal:6379 db 0");
    assertThat(RedisSharedState.where(RedisURI.create("redis-sentinel://:s3cret@s1:26379,s2:26380/1#main")))
        .isEqualTo("master main of sentinels s1:26379,s2:26380 db 1");
  }

  @Test
  void noServerAtStart_failsTheOpenNamingTheServer() throws Exception {
    int port = RedisServerProcess.freePort();
    assertThatThrownBy(() -> RedisStores.open("{store: redis, url: 'redis://127.0.0.1:" + port + "', timeout_ms: 500}"))
        .isInstanceOf(RedisStateException.class)
        .hasMessageStartingWith("cannot reach the redis store at redis://127.0.0.1:" + port + " db 0: ");
  }
}
