package dev.signalbox.redis;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.state.SharedState;
import dev.signalbox.core.state.SharedStateProvider;
import io.lettuce.core.RedisURI;
import java.time.Duration;

/** {@code redis}: one Redis key per state key, shared by every gateway that names the same server and prefix. */
public final class RedisSharedStateProvider implements SharedStateProvider<RedisSettings> {
  static final String DEFAULT_PREFIX = "signalbox:";
  static final long DEFAULT_TIMEOUT_MS = 2000;

  @Override
  public String store() {
    return "redis";
  }

  @Override
  public Keys keys() {
    return Keys.of("a Redis server, shared by gateway replicas; as durable as the server's persistence")
        .required("url", "redis URL", "redis://[:password@]host[:port][/db], rediss:// for TLS, or "
            + "redis-sentinel://host:port[,host:port]/db#master")
        .key("key_prefix", "string", DEFAULT_PREFIX, "put before every key in Redis; give each store its own, none the start of another's")
        .key("timeout_ms", "milliseconds 1..", DEFAULT_TIMEOUT_MS,
            "how long connecting or one operation may take before it fails");
  }

  @Override
  public RedisSettings settings(ConfigNode state) {
    String prefix = state.string("key_prefix", DEFAULT_PREFIX);
    Duration timeout = state.get("timeout_ms").check(state.millis("timeout_ms", DEFAULT_TIMEOUT_MS),
        d -> !d.isZero(), "must be at least 1");
    return new RedisSettings(uri(state.get("url")), prefix, timeout);
  }

  @Override
  public SharedState open(RedisSettings settings) {
    return RedisSharedState.open(settings);
  }

  private static RedisURI uri(ConfigNode url) {
    if (url.isMissing()) {
      throw url.problem("required key is missing");
    }
    String text = url.asString();
    try {
      return RedisURI.create(text);
    } catch (IllegalArgumentException e) { // its message may quote the URL, password and all
      throw url.problem("not a Redis URL (redis://host:port/db, rediss://..., redis-sentinel://...): "
          + String.valueOf(e.getMessage()).replace(text, "<url>"));
    }
  }
}
