package dev.signalbox.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;

/**
 * The redis store's settings ({@code state: {store: redis, ...}}).
 *
 * @param uri the server, or the sentinels that find it ({@code url})
 * @param keyPrefix put before every key in Redis, so that several gateways or stores share a database ({@code key_prefix})
 * @param timeout how long one operation may take, connecting included, before it fails ({@code timeout_ms})
 */
public record RedisSettings(RedisURI uri, String keyPrefix, Duration timeout) {}
