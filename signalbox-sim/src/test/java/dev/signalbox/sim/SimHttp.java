package dev.signalbox.sim;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A plain HTTP/1.1 client over loopback for the simulator's tests. */
final class SimHttp {
  static final String HOST = "127.0.0.1";
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();

  private SimHttp() {}

  /** A profile with these timings and no faults. */
  static ReplicaProfile profile(double ttftMs, double tpotMs, int maxConcurrency, int maxQueue, int outputTokens) {
    return new ReplicaProfile(ttftMs, tpotMs, maxConcurrency, maxQueue, outputTokens, 64,
        ReplicaProfile.Faults.NONE);
  }

  /** Starts a replica on a free loopback port, and warms the client up against it. */
  static SimulatedReplica start(Vertx vertx, ReplicaSpec spec) {
    try {
      SimulatedReplica replica = SimulatedReplica.start(vertx, spec, HOST, 0)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      get(replica.url(), "/health");
      return replica;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void close(SimulatedReplica replica) {
    try {
      replica.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> post(String baseUrl, String path, String body) throws IOException {
    return send(postRequest(baseUrl, path, body));
  }

  static CompletableFuture<HttpResponse<String>> postAsync(String baseUrl, String path, String body) {
    return CLIENT.sendAsync(postRequest(baseUrl, path, body), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String baseUrl, String path) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  /** A chat body with one user message. */
  static String chat(String model, String text, String extra) {
    JsonObject body = new JsonObject()
        .put("model", model)
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "user").put("content", text)));
    if (extra != null) {
      body.mergeIn(new JsonObject(extra));
    }
    return body.encode();
  }

  /**
   * A streamed response's lines with their arrival times in ms after sending; {@code broken} when
   * the connection failed before the body ended normally.
   */
  record Stream(int status, String contentType, String cacheControl, List<String> lines, List<Long> arrivals,
      boolean broken) {

    /** The JSON payloads of the {@code data:} events, without {@code [DONE]}. */
    List<JsonObject> events() {
      List<JsonObject> events = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
          events.add(new JsonObject(line.substring(6)));
        }
      }
      return events;
    }

    /** Arrival times of the {@code data:} lines. */
    List<Long> eventArrivals() {
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("data: ")) {
          times.add(arrivals.get(i));
        }
      }
      return times;
    }

    boolean done() {
      return !lines.isEmpty() && lines.get(lines.size() - 1).equals("data: [DONE]");
    }
  }

  static Stream stream(String baseUrl, String path, String body) throws IOException {
    long t0 = System.nanoTime();
    HttpResponse<InputStream> response;
    try {
      response = CLIENT.send(postRequest(baseUrl, path, body), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    List<String> lines = new ArrayList<>();
    List<Long> arrivals = new ArrayList<>();
    boolean broken = false;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty()) {
          lines.add(line);
          arrivals.add((System.nanoTime() - t0) / 1_000_000);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      broken = true;
    }
    return new Stream(response.statusCode(),
        response.headers().firstValue("content-type").orElse(""),
        response.headers().firstValue("cache-control").orElse(""),
        lines, arrivals, broken);
  }

  /** Milliseconds a call takes. */
  static long timed(IoCall call) throws IOException {
    long t0 = System.nanoTime();
    call.run();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** A call that may fail with an I/O error. */
  interface IoCall {
    void run() throws IOException;
  }

  private static HttpRequest postRequest(String baseUrl, String path, String body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return CLIENT.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }
}
