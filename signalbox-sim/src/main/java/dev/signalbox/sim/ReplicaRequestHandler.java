package dev.signalbox.sim;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.api.OpenAiRequest;
import dev.signalbox.core.api.OpenAiRequestParser;
import dev.signalbox.core.hash.StableHash;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Routes a replica's HTTP requests: validates them, draws their faults in arrival order and hands
 * admitted ones to the serving engine. Runs on the replica's event loop only.
 */
final class ReplicaRequestHandler implements Handler<HttpServerRequest> {
  private final ReplicaSpec spec;
  private final Supplier<ReplicaProfile> profile;
  private final BooleanSupplier healthy;
  private final ReplicaCounters counters;
  private final ServingEngine engine;
  private final SeededRandom faultRandom;
  private final AnswerComposer answers;
  private final EmbeddingGenerator embedder;
  private final long idSeed;
  private final long startedAt = System.currentTimeMillis() / 1000;
  private long requestCount;

  ReplicaRequestHandler(ReplicaSpec spec, Supplier<ReplicaProfile> profile, BooleanSupplier healthy,
      ReplicaCounters counters, ServingEngine engine) {
    this.spec = spec;
    this.profile = profile;
    this.healthy = healthy;
    this.counters = counters;
    this.engine = engine;
    this.faultRandom = new SeededRandom(spec.faultSeed());
    this.answers = new AnswerComposer(spec.contentSeed());
    this.embedder = new EmbeddingGenerator(spec.contentSeed());
    this.idSeed = StableHash.mix(spec.faultSeed() + 1);
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    switch (path) {
      case "/health" -> {
        if (profile.get().faults().hangRate() >= 1.0) {
          return; // a blackholed replica answers nothing, its health probes included
        }
        if (allow(request, HttpMethod.GET)) {
          boolean ok = healthy.getAsBoolean();
          Responses.json(request.response(), ok ? 200 : 503,
              new JsonObject().put("status", ok ? "ok" : "unhealthy"));
        }
      }
      case "/metrics" -> {
        if (allow(request, HttpMethod.GET)) {
          request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
              .end(EngineMetrics.render(spec.model().name(), engine));
        }
      }
      case "/v1/models" -> {
        if (allow(request, HttpMethod.GET)) {
          Responses.json(request.response(), 200, OpenAiWire.models(spec.servedNames(), startedAt));
        }
      }
      case "/v1/chat/completions" -> inference(request, Operation.CHAT);
      case "/v1/completions" -> inference(request, Operation.COMPLETIONS);
      case "/v1/embeddings" -> inference(request, Operation.EMBEDDINGS);
      default -> Responses.error(request.response(), new OpenAiError(404, "invalid_request_error", null, null,
          "Invalid URL (" + request.method() + " " + path + ")"));
    }
  }

  private boolean allow(HttpServerRequest request, HttpMethod method) {
    if (request.method().equals(method)) {
      return true;
    }
    request.response().putHeader("allow", method.name());
    Responses.error(request.response(), new OpenAiError(405, "invalid_request_error", "method_not_allowed", null,
        "Method " + request.method() + " is not allowed on " + request.path() + "; use " + method + "."));
    return false;
  }

  private void inference(HttpServerRequest request, Operation operation) {
    if (!allow(request, HttpMethod.POST)) {
      return;
    }
    counters.received.incrementAndGet();
    request.body().onSuccess(body -> {
      try {
        serve(request, operation, body);
      } catch (OpenAiError e) {
        counters.invalid.incrementAndGet();
        Responses.error(request.response(), e);
      }
    });
  }

  private void serve(HttpServerRequest request, Operation operation, Buffer body) {
    OpenAiRequest parsed = OpenAiRequestParser.parse(operation, body.getBytes());
    String model = parsed.model();
    if (!spec.servedNames().contains(model)) {
      throw new OpenAiError(404, "invalid_request_error", "model_not_found", "model",
          "The model `" + model + "` does not exist or you do not have access to it.");
    }
    ModelSpec served = spec.model();
    if (!served.serves(operation)) {
      throw new OpenAiError(400, "invalid_request_error", "unsupported_operation", "model",
          "The model `" + model + "` does not support " + operation.path() + "; it serves "
              + operationNames(served) + ".");
    }
    ReplicaProfile p = profile.get();
    if (operation == Operation.EMBEDDINGS) {
      EmbeddingRequest ask = EmbeddingRequest.of(parsed);
      int dimensions = ask.dimensions() < 0 ? p.embeddingDimensions() : ask.dimensions();
      if (dimensions > p.embeddingDimensions()) {
        throw OpenAiError.invalid("dimensions", "invalid_value", "This model's embeddings have "
            + p.embeddingDimensions() + " dimensions; 'dimensions' may only shorten them.");
      }
      FaultDraw faults = drawFaults(request, p);
      if (faults != null) {
        EmbeddingExchange exchange = new EmbeddingExchange(request, ask, embedder, dimensions, faults, counters);
        exchange.start(engine, exchange.job());
      }
      return;
    }
    GenerationRequest ask = GenerationRequest.of(parsed);
    int room = served.contextWindow() - ask.promptTokens();
    if (room < 1 || (ask.maxTokens() >= 0 && ask.maxTokens() > room)) {
      int requested = ask.promptTokens() + Math.max(ask.maxTokens(), 0);
      throw new OpenAiError(400, "invalid_request_error", "context_length_exceeded", "messages",
          "This model's maximum context length is " + served.contextWindow() + " tokens. However, you "
              + "requested " + requested + " tokens (" + ask.promptTokens() + " in the messages, "
              + Math.max(ask.maxTokens(), 0) + " in the completion). Please reduce the length of the "
              + "messages or completion.");
    }
    FaultDraw faults = drawFaults(request, p);
    if (faults == null) {
      return;
    }
    int limit = ask.maxTokens() >= 0 ? ask.maxTokens() : room;
    Answer answer = answers.compose(ask, p, limit);
    OpenAiWire.Flavor flavor = operation == Operation.CHAT ? OpenAiWire.Flavor.CHAT : OpenAiWire.Flavor.COMPLETIONS;
    OpenAiWire.Header header =
        new OpenAiWire.Header(flavor, nextId(flavor), System.currentTimeMillis() / 1000, model);
    GenerationExchange exchange = new GenerationExchange(request, ask, answer, header, faults, counters);
    exchange.start(engine, exchange.job());
  }

  /** Draws this request's faults and acts on a reset or an error; null when it was answered so. */
  private FaultDraw drawFaults(HttpServerRequest request, ReplicaProfile p) {
    FaultDraw faults = FaultDraw.draw(faultRandom, p.faults());
    switch (faults.outcome()) {
      case HANG -> {
        counters.hangs.incrementAndGet();
        return null; // accepted, never answered: the client's timeout is the only way out
      }
      case RESET -> {
        counters.resets.incrementAndGet();
        request.connection().close();
        return null;
      }
      case ERROR -> {
        counters.errorsInjected.incrementAndGet();
        Responses.error(request.response(), injectedError(p.faults().errorStatus()));
        return null;
      }
      default -> {
        return faults;
      }
    }
  }

  /** The error a replica answers when the fault injector draws an error for a request. */
  private static OpenAiError injectedError(int status) {
    if (status == 429) {
      return new OpenAiError(429, "requests", "rate_limit_exceeded", null,
          "Injected fault: rate limit reached for this simulated replica.");
    }
    return new OpenAiError(status, status >= 500 ? "server_error" : "invalid_request_error", "injected_fault", null,
        "Injected fault: the simulated replica failed this request.");
  }

  private String nextId(OpenAiWire.Flavor flavor) {
    long n = StableHash.mix(idSeed + requestCount++);
    return flavor.idPrefix + "sim" + Long.toString(n & Long.MAX_VALUE, 36).toUpperCase(Locale.ROOT);
  }

  private static String operationNames(ModelSpec model) {
    List<String> names = new ArrayList<>();
    for (Operation op : Operation.values()) {
      if (model.serves(op)) {
        names.add(op.path());
      }
    }
    return names.isEmpty() ? "nothing" : String.join(", ", names);
  }
}
