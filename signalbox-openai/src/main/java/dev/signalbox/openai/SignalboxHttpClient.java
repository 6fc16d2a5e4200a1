package dev.signalbox.openai;

import com.openai.core.RequestOptions;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpMethod;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import dev.signalbox.core.RoutedRequest;
import dev.signalbox.core.Signalbox;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.api.OpenAiRequestParser;
import dev.signalbox.core.config.UpstreamConfig;
import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.upstream.AttemptFailure;
import dev.signalbox.core.upstream.AttemptPlanner.GiveUp;
import dev.signalbox.core.upstream.AttemptPlanner.Step;
import dev.signalbox.core.upstream.AttemptPlanner.Wait;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAI Java SDK's transport, served by Signalbox in-process: each call the SDK makes to
 * {@code chat/completions}, {@code completions} or {@code embeddings} is routed ({@code
 * model("auto")} or any route or model of the configuration), sent to the endpoint the pool
 * chooses, and retried on another replica or a fallback model as the gateway would (connect
 * errors, resets, timeouts, 429, 5xx, an answer cut short before it was used). {@code models} lists
 * the configuration's models and routes. Answers carry the gateway's {@code x-signalbox-*} headers.
 *
 * <p>A streamed answer is the client's from its first byte: a failure after that is not retried.
 * Asynchronous calls run the same code on a small pool of daemon threads.
 */
public final class SignalboxHttpClient implements HttpClient {
  private final Signalbox signalbox;
  private final java.net.http.HttpClient http;
  private final UpstreamConfig upstream;
  private final ExecutorService async;

  public SignalboxHttpClient(Signalbox signalbox) {
    this.signalbox = signalbox;
    this.upstream = signalbox.config().upstream();
    this.http = java.net.http.HttpClient.newBuilder().version(Version.HTTP_1_1)
        .connectTimeout(upstream.connectTimeout()).build();
    this.async = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "signalbox-openai");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public HttpResponse execute(HttpRequest request, RequestOptions options) {
    try {
      return serve(request);
    } catch (OpenAiError e) {
      return LocalResponse.error(e.status(), e.json(), Map.of());
    }
  }

  @Override
  public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
    return CompletableFuture.supplyAsync(() -> execute(request, options), async);
  }

  @Override
  public void close() {
    async.shutdown();
  }

  private HttpResponse serve(HttpRequest request) {
    String path = String.join("/", request.pathSegments());
    if (path.equals("models") && request.method() == HttpMethod.GET) {
      return LocalResponse.json(200, ModelList.of(signalbox.routing()), Map.of());
    }
    Operation operation = operation(path);
    if (operation == null || request.method() != HttpMethod.POST) {
      throw OpenAiError.notFound("Signalbox in-process serves POST chat/completions, completions and embeddings, "
          + "and GET models; not " + request.method() + " " + path + ".");
    }
    OpenAiRequest parsed = OpenAiRequestParser.parse(operation, body(request));
    List<String> ids = request.headers().values("x-request-id");
    String id = ids.isEmpty() ? UUID.randomUUID().toString() : ids.get(0);
    RouteRequest routeRequest = new RouteRequest(id, operation, parsed.model(), parsed.messages(), parsed.maxTokens(),
        parsed.stream(), Map.of());
    RoutedRequest call = signalbox.route(routeRequest);
    try {
      HttpResponse answer = attempts(call, parsed, operation);
      if (!(answer instanceof LocalResponse.Streamed)) {
        call.close();
      }
      return answer;
    } catch (RuntimeException | Error e) {
      call.close();
      throw e;
    }
  }

  /** Sends to each endpoint the planner gives until one answers, or it gives up. */
  private HttpResponse attempts(RoutedRequest call, OpenAiRequest parsed, Operation operation) {
    Step step = call.step();
    while (true) {
      if (step instanceof GiveUp giveUp) {
        call.finish(giveUp.error().status(), -1, -1);
        OpenAiError error = new OpenAiError(giveUp.error().status(), "upstream_error", giveUp.error().code(), null,
            giveUp.error().message());
        return LocalResponse.error(error.status(), error.json(), headers(call, null));
      }
      if (step instanceof Wait wait) {
        sleep(wait.nanos());
        step = call.next();
        continue;
      }
      Endpoint endpoint = call.endpoint();
      java.net.http.HttpResponse<InputStream> answer;
      try {
        answer = http.send(upstreamRequest(endpoint, parsed, operation, call.id()), BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        step = call.failed(AttemptFailure.TIMEOUT, "no response within " + upstream.firstByteTimeout().toMillis()
            + " ms", 0);
        continue;
      } catch (ConnectException e) {
        step = call.failed(AttemptFailure.CONNECT, "connect failed: " + e, 0);
        continue;
      } catch (IOException e) {
        step = call.failed(AttemptFailure.RESET, "connection failed: " + e, 0);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      AttemptFailure failure = failure(answer.statusCode());
      if (failure != null) {
        String why = "HTTP " + answer.statusCode() + errorMessage(answer);
        step = call.failed(failure, why, retryAfterNanos(answer));
        continue;
      }
      Map<String, String> headers = headers(call, endpoint);
      if (parsed.stream() && answer.statusCode() < 400) {
        call.answered(answer.statusCode());
        return new LocalResponse.Streamed(answer, headers, call);
      }
      byte[] body;
      try (InputStream in = answer.body()) {
        body = in.readAllBytes();
      } catch (IOException e) {
        step = call.failed(AttemptFailure.RESET, "the answer was cut short: " + e, 0);
        continue;
      }
      call.answered(answer.statusCode());
      long[] usage = Usage.ofJson(body);
      call.finish(answer.statusCode(), usage[0], usage[1]);
      return new LocalResponse.Whole(answer.statusCode(), answer.headers().map(), headers, body);
    }
  }

  private java.net.http.HttpRequest upstreamRequest(Endpoint endpoint, OpenAiRequest parsed, Operation operation,
      String id) {
    String base = endpoint.url().endsWith("/") ? endpoint.url().substring(0, endpoint.url().length() - 1)
        : endpoint.url();
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(base + operation.path()))
        .timeout(upstream.firstByteTimeout())
        .header("content-type", "application/json")
        .header("accept", parsed.stream() ? "text/event-stream" : "application/json")
        .header("x-request-id", id)
        .POST(BodyPublishers.ofByteArray(parsed.bodyFor(endpoint.upstreamModel())));
    if (endpoint.apiKey() != null) {
      b.header("authorization", "Bearer " + endpoint.apiKey().reveal());
    }
    return b.build();
  }

  /** The failure an answer's status is, or null when it is the answer (2xx, or the caller's own 4xx). */
  static AttemptFailure failure(int status) {
    if (status == 429) {
      return AttemptFailure.RATE_LIMITED;
    }
    if (status == 408) {
      return AttemptFailure.TIMEOUT;
    }
    if (status == 401 || status == 403) {
      return AttemptFailure.REFUSED_CREDENTIALS;
    }
    return status >= 500 ? AttemptFailure.SERVER_ERROR : null;
  }

  private static Operation operation(String path) {
    for (Operation op : Operation.values()) {
      if (op.path().equals("/v1/" + path)) {
        return op;
      }
    }
    return null;
  }

  private static byte[] body(HttpRequest request) {
    if (request.body() == null) {
      throw OpenAiError.invalid(null, "invalid_json", "The request has no body.");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    request.body().writeTo(out);
    return out.toByteArray();
  }

  private static Map<String, String> headers(RoutedRequest call, Endpoint endpoint) {
    return endpoint == null
        ? Map.of("x-request-id", call.id(), "x-signalbox-route", call.route(), "x-signalbox-model", call.model())
        : Map.of("x-request-id", call.id(), "x-signalbox-route", call.route(), "x-signalbox-model", call.model(),
            "x-signalbox-endpoint", endpoint.id());
  }

  /** A short reason from an error answer's body (read whole: the connection is then reusable). */
  private static String errorMessage(java.net.http.HttpResponse<InputStream> answer) {
    try (InputStream in = answer.body()) {
      String message = Usage.errorMessage(in.readNBytes(64 * 1024));
      return message == null ? "" : ": " + message;
    } catch (IOException e) {
      return "";
    }
  }

  private static long retryAfterNanos(java.net.http.HttpResponse<?> answer) {
    return answer.headers().firstValue("retry-after").map(v -> {
      try {
        return TimeUnit.SECONDS.toNanos(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        return 0L; // an HTTP date: no advice taken
      }
    }).orElse(0L);
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", new InterruptedIOException());
    }
  }
}
