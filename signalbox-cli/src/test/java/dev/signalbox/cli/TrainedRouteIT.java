package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code policy: trained} route in the shaded jar, started with exactly the JVM flags the
 * {@code ./signalbox} launcher gives {@code serve} (read from the script): it must start within the
 * launcher's small heap (the embedding model once overflowed it) and route with the artifact.
 */
class TrainedRouteIT {
  private static final Path JAR = Path.of("target", "signalbox.jar");
  private static final Path LAUNCHER = Path.of("..", "signalbox");
  private static final Pattern SERVER_OPTS = Pattern.compile("serve\\|sim\\) server_opts=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process gateway;

  @AfterEach
  void stop() throws InterruptedException {
    if (gateway != null && gateway.isAlive()) {
      ProcessHandle.of(gateway.pid()).ifPresent(ProcessHandle::destroy);
      if (!gateway.waitFor(15, TimeUnit.SECONDS)) {
        gateway.destroyForcibly();
      }
    }
  }

  /** The launcher's JVM flags for {@code serve}. */
  static List<String> launcherServeFlags() throws IOException {
    Matcher m = SERVER_OPTS.matcher(Files.readString(LAUNCHER));
    assertThat(m.find()).as("the serve|sim flags in " + LAUNCHER.toAbsolutePath()).isTrue();
    return List.of(m.group(1).trim().split("\\s+"));
  }

  /** Coding prompts only sim-large answers well; small talk both answer; sim-large costs 20 times more. */
  private static void writeTrace(Path file) throws IOException {
    String[] code = {"Write a Python function that reverses a linked list", "Fix this Java NullPointerException in my parser",
        "Implement binary search in C++ and explain its complexity", "Write a SQL query joining orders and customers",
        "Debug this JavaScript promise that never resolves", "Write a Rust function that parses a CSV line"};
    String[] chat = {"Tell me something nice about autumn", "What is a good name for a cat?",
        "Say hello to my grandmother", "Recommend a film for a rainy evening", "How are you today?",
        "Suggest a colour for my kitchen walls"};
    StringBuilder jsonl = new StringBuilder();
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < code.length; i++) {
        jsonl.append(record("c" + round + i, "code", code[i] + " (variant " + round + ")", 0, 1));
        jsonl.append(record("g" + round + i, "general", chat[i] + " (variant " + round + ")", 1, 1));
      }
    }
    Files.writeString(file, jsonl);
  }

  private static String record(String id, String task, String prompt, double smallQuality, double largeQuality) {
    return "{\"id\":\"" + id + "\",\"task\":\"" + task + "\",\"prompt\":\"" + prompt + "\",\"models\":{"
        + "\"sim-small\":{\"quality\":" + smallQuality + ",\"cost\":0.0001,\"output_tokens\":40},"
        + "\"sim-large\":{\"quality\":" + largeQuality + ",\"cost\":0.002,\"output_tokens\":80}}}\n";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Polls {@code /health} until it answers; fails with the gateway's log if it exits or takes too long. */
  private void awaitHealthy(int port, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!gateway.isAlive()) {
        throw new AssertionError("the gateway exited with " + gateway.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the gateway did not answer /health within 90 s:\n" + Files.readString(log));
  }

  @Test
  void trainedRoute_startsAndServesUnderTheLaunchersHeap(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isRegularFile(JAR), "no " + JAR.toAbsolutePath() + ": run the package phase first (mvn verify)");
    Path trace = dir.resolve("trace.jsonl");
    writeTrace(trace);
    Path artifact = dir.resolve("router.json");
    assertThat(Main.run("train", "--data", trace.toString(), "--policy", "knn", "--inner-folds", "3",
        "--cache", dir.resolve("cache").toString(), "--out", artifact.toString())).isZero();
    Path config = dir.resolve("trained.yaml");
    Files.writeString(config, """
        models:
          - {name: sim-small, input_price: 0.15, output_price: 0.60, context_window: 32768,
             endpoints: [{simulated: {ttft_ms: 1, tpot_ms: 0, output_tokens: 8}}]}
          - {name: sim-large, input_price: 2.50, output_price: 10.00, context_window: 200000,
             endpoints: [{simulated: {ttft_ms: 1, tpot_ms: 0, output_tokens: 8}}]}
        routes:
          - {name: smart, policy: trained, artifact: '%s'}
        """.formatted(artifact));

    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(launcherServeFlags());
    command.addAll(List.of("-Dsignalbox.home=" + Path.of("..").toAbsolutePath().normalize(), "-jar", JAR.toString(),
        "serve", "--config", config.toString(), "--port", String.valueOf(port)));
    Path log = dir.resolve("gateway.log");
    gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitHealthy(port, log);

    OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("unused")
        .maxRetries(0).build();
    HttpResponseFor<ChatCompletion> raw = openai.chat().completions().withRawResponse().create(
        ChatCompletionCreateParams.builder().model("smart")
            .addUserMessage("Write a Python function that merges two sorted lists").build());
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().values("x-signalbox-route")).containsExactly("smart");
    assertThat(raw.headers().values("x-signalbox-model")).containsExactly("sim-large");
    assertThat(raw.parse().choices()).isNotEmpty();

    String id = raw.headers().values("x-request-id").get(0);
    String decision = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/decisions/" + id)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(decision).contains("trained:knn").contains("at catalog prices (input 2.5, output 10 per 1M)");
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
  }
}
