package dev.signalbox.gateway.proxy;

import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.Operation;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An endpoint's address and paths, parsed once. Handing the client a ready {@link SocketAddress}
 * with host, port and path spares each request the client's own address construction, which
 * parses the host's IP literal into a fresh {@code InetAddress} (seen in an allocation profile of
 * the proxy path). Immutable, so event loops share them; keyed by the endpoint's base URL, one
 * small entry per URL ever configured.
 */
record UpstreamAddress(SocketAddress server, String host, int port, boolean ssl, String[] paths) {
  private static final Operation[] OPERATIONS = Operation.values();
  private static final Map<String, UpstreamAddress> BY_URL = new ConcurrentHashMap<>();

  /** The address of {@code endpoint}. */
  static UpstreamAddress of(Endpoint endpoint) {
    return BY_URL.computeIfAbsent(endpoint.url(), UpstreamAddress::parse);
  }

  /** Request options aimed at {@code operation}'s path on this address. */
  RequestOptions options(Operation operation) {
    return new RequestOptions().setServer(server).setHost(host).setPort(port).setSsl(ssl)
        .setURI(paths[operation.ordinal()]);
  }

  private static UpstreamAddress parse(String base) {
    URL url;
    try {
      url = new URL(base);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a valid endpoint URL: " + base, e);
    }
    boolean ssl = url.getProtocol().equals("https");
    if (!ssl && !url.getProtocol().equals("http")) {
      throw new IllegalArgumentException("not an http(s) endpoint URL: " + base);
    }
    int port = url.getPort() >= 0 ? url.getPort() : ssl ? 443 : 80;
    String prefix = url.getPath().endsWith("/") ? url.getPath().substring(0, url.getPath().length() - 1) : url.getPath();
    String[] paths = new String[OPERATIONS.length];
    for (Operation op : OPERATIONS) {
      paths[op.ordinal()] = prefix + op.path();
    }
    return new UpstreamAddress(SocketAddress.inetSocketAddress(port, url.getHost()), url.getHost(), port, ssl, paths);
  }
}
