package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code signalbox.jar} run as its own process, as {@code ./signalbox} runs it. */
class LauncherIT {
  private static final Path JAR = Path.of("target", "signalbox.jar");
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** Starts the jar and returns its output lines as they come. */
  private BlockingQueue<String> launch(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    processes.add(p);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static String awaitLine(BlockingQueue<String> lines, String containing) throws InterruptedException {
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        seen.append(line).append('\n');
        if (line.contains(containing)) {
          return line;
        }
      }
    }
    throw new AssertionError("no line containing '" + containing + "'; output was:\n" + seen);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> chat(int port, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serve_builtInPoolAnswersJsonAndStreams() throws Exception {
    int port = freePort();
    BlockingQueue<String> out = launch("serve", "--port", String.valueOf(port));
    awaitLine(out, "listening on http://127.0.0.1:" + port);

    HttpResponse<String> json = chat(port, "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.body()).contains("\"object\":\"chat.completion\"");
    assertThat(json.headers().firstValue("x-signalbox-model")).contains("sim-small");

    HttpResponse<String> sse = chat(port,
        "{\"model\":\"auto\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(sse.statusCode()).isEqualTo(200);
    assertThat(sse.body()).startsWith("data: {").endsWith("data: [DONE]\n\n");
  }

  @Test
  void sim_standaloneServersWithAGeneratedGatewayConfig(@TempDir Path dir) throws Exception {
    Path gatewayConfig = dir.resolve("gateway.yaml");
    BlockingQueue<String> simOut = launch("sim", "--port", "0", "--write-config", gatewayConfig.toString());
    awaitLine(simOut, "Gateway configuration written");
    assertThat(Files.readString(gatewayConfig)).contains("url: \"http://127.0.0.1:").doesNotContain("simulated");

    int port = freePort();
    BlockingQueue<String> out = launch("serve", "--config", gatewayConfig.toString(), "--port", String.valueOf(port));
    String banner = awaitLine(out, "model sim-large");
    assertThat(banner).doesNotContain("simulated");
    HttpResponse<String> r = chat(port, "{\"model\":\"sim-large\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"model\":\"sim-large\"");
  }

  @Test
  void serve_badConfigFailsAtStartNamingTheKey(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        models:
          - name: m
            endpoints:
              - url: localhost:8000
        """);
    BlockingQueue<String> out = launch("serve", "--config", bad.toString());
    String line = awaitLine(out, "models[0].endpoints[0].url");
    assertThat(line).contains("http://");
    Process p = processes.get(0);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
  }

  @Test
  void serve_survivesSighupAndSaysThatReloadIsNotSupported() throws Exception {
    int port = freePort();
    BlockingQueue<String> out = launch("serve", "--port", String.valueOf(port));
    awaitLine(out, "listening on http://127.0.0.1:" + port);
    Process gateway = processes.get(0);

    Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(gateway.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
    assertThat(awaitLine(out, "SIGHUP")).endsWith(ServerSignals.HANGUP_IGNORED);

    assertThat(gateway.isAlive()).isTrue();
    assertThat(get(port, "/health").statusCode()).isEqualTo(200);
    assertThat(chat(port, "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .statusCode()).isEqualTo(200);
  }

  @Test
  void sigterm_endsALongStreamWithAnErrorEvent_andLogsWhatWasDrainedAndCut(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("slow.yaml");
    Files.writeString(config, """
        server: {shutdown_grace_ms: 500}
        models:
          - name: slow
            input_price: 1
            output_price: 1
            endpoints:
              - simulated: {ttft_ms: 10, tpot_ms: 100, output_tokens: 200}
        """);
    int port = freePort();
    BlockingQueue<String> out = launch("serve", "--config", config.toString(), "--port", String.valueOf(port));
    awaitLine(out, "listening on");
    HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v1/chat/completions")).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"slow\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    assertThat(reader.readLine()).startsWith("data: ");
    Process gateway = processes.get(0);
    assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(gateway.pid())).start().waitFor()).isZero();
    String last = null;
    for (String line; (line = reader.readLine()) != null; ) {
      if (!line.isEmpty()) {
        last = line;
      }
    }
    assertThat(last).startsWith("data: {\"error\"").contains("stream_interrupted");
    assertThat(awaitLine(out, "shutdown:")).contains("1 request was in flight; 0 finished, 1 cut with an error");
    assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void version_ofTheJarNamesTheCommitItWasBuiltFrom() throws Exception {
    String commit = VersionTest.gitCommit();
    String line = awaitLine(launch("serve", "--version"), "signalbox ");
    assertThat(line).contains(commit == null ? "(unknown commit" : "(commit " + commit);
  }

  /** The jar keeps only this system's native libraries: ONNX Runtime and the tokenizer must still load from it. */
  @Test
  void trainedRoute_trainsAndServesFromTheJar(@TempDir Path dir) throws Exception {
    Path artifact = dir.resolve("router.json");
    BlockingQueue<String> train = launch("train", "--data", Traces.cookingAndProofs(dir).toString(),
        "--policy", "knn:k=5", "--inner-folds", "2", "--out", artifact.toString(),
        "--cache", dir.resolve("cache").toString());
    Process trainer = processes.get(0);
    assertThat(trainer.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(trainer.exitValue()).as(String.join("\n", train)).isZero();

    Path config = dir.resolve("trained.yaml");
    Files.writeString(config, """
        server: {signal_timeout_ms: 120000}
        models:
          - {name: small, endpoints: [{simulated: {ttft_ms: 1, tpot_ms: 0}}]}
          - {name: large, endpoints: [{simulated: {ttft_ms: 1, tpot_ms: 0}}]}
        routes:
          - {name: smart, policy: trained, artifact: "%s"}
        """.formatted(artifact));
    int port = freePort();
    awaitLine(launch("serve", "--config", config.toString(), "--port", String.valueOf(port)), "listening on");
    String proof = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"Prove that theorem 99 about prime numbers holds for every integer.\"}]}";
    String pasta = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"How long should I boil pasta number 99 for dinner?\"}]}";
    assertThat(chat(port, proof).headers().firstValue("x-signalbox-model")).contains("large");
    assertThat(chat(port, pasta).headers().firstValue("x-signalbox-model")).contains("small");
  }
}
