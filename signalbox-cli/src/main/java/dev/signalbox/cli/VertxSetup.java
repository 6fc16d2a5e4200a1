package dev.signalbox.cli;

import io.netty.util.ResourceLeakDetector;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x options of the long-running servers: the native epoll transport where it loads
 * (Linux; fewer copies and locks per read and write than NIO), unless
 * {@code -Dsignalbox.native-transport=false}. Netty's buffer leak detection is off unless
 * {@code -Dio.netty.leakDetection.level} asks for it: it samples one buffer in 128 and records a
 * stack trace for each, which cost ~10% of the CPU per proxied request (docs/BENCHMARKS.md); the
 * gateway holds only Vert.x's unpooled heap buffers itself.
 */
public final class VertxSetup {
  private VertxSetup() {}

  /** Options for a server's Vert.x instance; also settles Netty's leak detection. */
  public static VertxOptions options() {
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    return new VertxOptions()
        .setPreferNativeTransport(!"false".equals(System.getProperty("signalbox.native-transport")));
  }
}
