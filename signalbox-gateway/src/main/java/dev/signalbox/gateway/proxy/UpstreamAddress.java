package dev.signalbox.gateway.proxy;

import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.Operation;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.UnknownHostException;
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
public record UpstreamAddress(SocketAddress server, String host, int port, boolean ssl, String[] paths,
    InetSocketAddress socket, String hostHeader) {
  private static final Operation[] OPERATIONS = Operation.values();
  private static final Map<String, UpstreamAddress> BY_URL = new ConcurrentHashMap<>();

  /** The address of {@code endpoint}. */
  static UpstreamAddress of(Endpoint endpoint) {
    return BY_URL.computeIfAbsent(endpoint.url(), UpstreamAddress::parse);
  }

  /** The path of {@code operation} on this address. */
  String path(Operation operation) {
    return paths[operation.ordinal()];
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
    String host = url.getHost();
    return new UpstreamAddress(SocketAddress.inetSocketAddress(port, host), host, port, ssl, paths, socket(host, port),
        url.getPort() >= 0 ? host + ":" + port : host);
  }

  /** An IP literal's socket address as is; a name's unresolved, for the event loop's resolver. */
  private static InetSocketAddress socket(String host, int port) {
    String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    byte[] ip = NetUtil.createByteArrayFromIpAddressString(literal);
    if (ip == null) {
      return InetSocketAddress.createUnresolved(host, port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      return InetSocketAddress.createUnresolved(host, port);
    }
  }
}
