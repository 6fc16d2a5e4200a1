package dev.signalbox.bench.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts the mock and each target pinned to its CPU, and waits until each answers a real request. */
final class TargetProcesses {
  /** Portkey's entry point inside its npm install. */
  static final String PORTKEY_MAIN = "node_modules/@portkey-ai/gateway/build/start-server.js";

  private final BenchSetup setup;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  TargetProcesses(BenchSetup setup) {
    this.setup = setup;
  }

  /** The mock upstream, on the load generator's CPU. */
  BenchProcess startMock(int port) throws IOException {
    return BenchProcess.start("mock", setup.loadCpu(), log("mock"), Map.of(), List.of(
        javaBin(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-cp", jarOf(setup.cli()), setup.cli().getName(),
        "bench", "mock-upstream", "--port", Integer.toString(port), "--pace-ms", "20"));
  }

  /** nginx as a plain reverse proxy. */
  BenchProcess startNginx(int port, int mockPort) throws IOException {
    Path prefix = Files.createDirectories(setup.work().resolve("nginx"));
    Files.createDirectories(prefix.resolve("logs"));
    Path conf = prefix.resolve("nginx.conf");
    Files.writeString(conf, fill(setup.benchFiles().resolve("nginx.conf"), port, mockPort), StandardCharsets.UTF_8);
    return BenchProcess.start(Target.NGINX, setup.targetCpu(), log(Target.NGINX), Map.of(),
        List.of("nginx", "-c", conf.toString(), "-p", prefix + "/"));
  }

  /** The Portkey gateway from its pinned npm install. */
  BenchProcess startPortkey(Path installDir, int port) throws IOException {
    return BenchProcess.start(Target.PORTKEY, setup.targetCpu(), log(Target.PORTKEY), Map.of(), List.of(
        "node", installDir.resolve(PORTKEY_MAIN).toString(), "--port=" + port, "--headless"));
  }

  /** Signalbox through its launcher, so it runs with the JVM flags users get. */
  BenchProcess startSignalbox(int port, int mockPort) throws IOException {
    Path config = setup.work().resolve("signalbox.yaml");
    Files.writeString(config, fill(setup.benchFiles().resolve("signalbox.yaml"), port, mockPort), StandardCharsets.UTF_8);
    return BenchProcess.start(Target.SIGNALBOX, setup.targetCpu(), log(Target.SIGNALBOX), Map.of(), List.of(
        setup.launcher().toString(), "serve", "--config", config.toString()));
  }

  /**
   * Waits until the target answers its benchmark request with 200 (and, for Signalbox, through
   * its rules route); returns why not otherwise.
   */
  String awaitReady(Target target, BenchProcess process, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        return "it exited; see " + process.log();
      }
      if (listening(target.port())) {
        last = check(target);
        if (last.isEmpty()) {
          return "";
        }
      }
      Thread.sleep(200);
    }
    return last + (process == null ? "" : "; see " + process.log());
  }

  private String check(Target target) {
    for (Load load : new Load[] {Load.C1, Load.STREAM_C1}) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.url(load)))
          .timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.ofString(target.body(load)));
      target.headers(load).forEach(b::header);
      try {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("Hello")) {
          return load.key + " answered " + r.statusCode() + ": " + abbreviate(r.body());
        }
        if (target.name().equals(Target.SIGNALBOX)
            && !"auto".equals(r.headers().firstValue("x-signalbox-route").orElse(""))) {
          return "the request did not go through the rules route 'auto'";
        }
      } catch (IOException e) {
        return load.key + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }
    return "";
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A free port on the loopback interface. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Path log(String name) {
    return setup.work().resolve(name + ".log");
  }

  private static String fill(Path template, int port, int mockPort) throws IOException {
    return Files.readString(template, StandardCharsets.UTF_8)
        .replace("@PORT@", Integer.toString(port))
        .replace("@MOCK_PORT@", Integer.toString(mockPort));
  }

  private static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() > 200 ? one.substring(0, 200) + "…" : one;
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The jar (or classes folder) {@code type} is loaded from. */
  static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
