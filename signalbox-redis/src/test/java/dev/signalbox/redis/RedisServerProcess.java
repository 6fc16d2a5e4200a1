package dev.signalbox.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for a test class, on a free loopback port in a temporary folder,
 * persisting nothing: register it with {@code @RegisterExtension static final RedisServerProcess
 * server = new RedisServerProcess()}. It starts before the first test and is stopped by its pid
 * after the last. When {@code redis-server} is not on the PATH each test is skipped with a message
 * (an assumption in {@code beforeEach}, where Surefire reports it; from {@code beforeAll} it counts none).
 */
final class RedisServerProcess implements BeforeEachCallback, AfterAllCallback {
  private Path dir;
  private int port;
  private Process process;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (dir != null) {
      return;
    }
    Optional<Path> binary = onPath("redis-server");
    assumeTrue(binary.isPresent(), "redis-server is not on the PATH (apt-get install redis-server): "
        + "the redis store's tests are skipped");
    dir = Files.createTempDirectory("signalbox-redis-");
    port = freePort();
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    stop();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      dir = null;
    }
  }

  int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:port/db}. */
  String url(int db) {
    return "redis://127.0.0.1:" + port + "/" + db;
  }

  /** Starts the server (again, after {@link #stop}, on the same port) and waits until it answers PING. */
  void start() throws IOException {
    process = new ProcessBuilder(onPath("redis-server").orElseThrow().toString(), "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + ":\n"
            + Files.readString(dir.resolve("redis.log")));
      }
      sleep(20);
    }
  }

  /** Stops the server by its pid and waits for it to exit. */
  void stop() {
    if (process == null) {
      return;
    }
    process.toHandle().destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.toHandle().destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private boolean answersPing() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      return "+PONG".equals(reply);
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    return path == null ? Optional.empty() : Arrays.stream(path.split(java.io.File.pathSeparator))
        .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
