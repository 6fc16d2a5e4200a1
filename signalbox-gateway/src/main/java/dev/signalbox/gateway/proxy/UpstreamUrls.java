package dev.signalbox.gateway.proxy;

import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.Operation;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each endpoint's URL per operation, parsed once: a request then costs a map lookup instead of a
 * string concatenation and a URL parse. {@link URL} is immutable, so event loops share them. Keyed
 * by the endpoint's base URL, so the cache holds one small entry per URL ever configured.
 */
final class UpstreamUrls {
  private static final Operation[] OPERATIONS = Operation.values();
  private static final Map<String, URL[]> URLS = new ConcurrentHashMap<>();

  private UpstreamUrls() {}

  /** The absolute URL of {@code operation} on {@code endpoint}. */
  static URL of(Endpoint endpoint, Operation operation) {
    return URLS.computeIfAbsent(endpoint.url(), UpstreamUrls::parse)[operation.ordinal()];
  }

  private static URL[] parse(String base) {
    URL[] urls = new URL[OPERATIONS.length];
    for (Operation op : OPERATIONS) {
      try {
        urls[op.ordinal()] = new URL(base + op.path());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a valid endpoint URL: " + base, e);
      }
    }
    return urls;
  }
}
