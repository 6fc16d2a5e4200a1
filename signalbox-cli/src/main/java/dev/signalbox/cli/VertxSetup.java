package dev.signalbox.cli;

import io.vertx.core.VertxOptions;

/**
 * The Vert.x options of the long-running servers: the native epoll transport where it loads
 * (Linux; fewer copies and locks per read and write than NIO), unless
 * {@code -Dsignalbox.native-transport=false}.
 */
final class VertxSetup {
  private VertxSetup() {}

  static VertxOptions options() {
    return new VertxOptions()
        .setPreferNativeTransport(!"false".equals(System.getProperty("signalbox.native-transport")));
  }
}
