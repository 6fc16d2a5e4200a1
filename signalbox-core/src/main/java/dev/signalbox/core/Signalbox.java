package dev.signalbox.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.feedback.MeasuredFeedback;
import dev.signalbox.core.feedback.RequestOutcome;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.LearningRouter.Learned;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.routing.RoutingTable.Routed;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.core.upstream.AttemptPlanner;
import dev.signalbox.core.upstream.Upstreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Signalbox as a library: the gateway's routing, replica choice, retries, fallbacks and learning
 * inside an application, with no gateway process.
 *
 * <pre>{@code
 * Signalbox signalbox = Signalbox.fromYaml(Path.of("signalbox.yaml"));
 * try (RoutedRequest call = signalbox.route(RouteRequest.chat("r1", "auto", "Prove that ..."))) {
 *   // call.model(), call.trace(): which model and why; call.endpoint(): where to send it
 *   ... send; on failure call.failed(how, why, 0) gives the next step (another replica, a fallback)
 *   call.finish(200, promptTokens, completionTokens);   // learning routes learn from it
 * }
 * }</pre>
 *
 * Thread-safe; each {@link RoutedRequest} belongs to one thread. Endpoints' health is learned
 * from the calls made through it (no active probes, unlike the gateway).
 */
public final class Signalbox implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SignalboxConfig config;
  private final RoutingTable routing;
  private final Upstreams upstreams;
  private final Map<String, LearningRouter> learners;
  private final LongSupplier clock;
  /** The recent decisions of learning routes, by request id, for their reports; the oldest are forgotten. */
  private final Map<String, Routed> decided;

  private Signalbox(SignalboxConfig config, LongSupplier clock) {
    this.config = config;
    this.clock = clock;
    this.routing = RoutingTable.from(config);
    this.upstreams = Upstreams.from(config, clock);
    this.learners = routing.learners();
    int keep = Math.max(1, config.server().decisionHistory());
    this.decided = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Routed> eldest) {
        return size() > keep;
      }
    });
  }

  /** From YAML text in the gateway's format; {@code ${VAR}} reads the environment. */
  public static Signalbox fromYaml(String yaml) {
    return builder().yaml(yaml).build();
  }

  /** From a YAML file in the gateway's format. */
  public static Signalbox fromYaml(Path file) {
    try {
      return fromYaml(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** From a configuration already loaded. */
  public static Signalbox from(SignalboxConfig config) {
    return new Signalbox(config, System::nanoTime);
  }

  public static Builder builder() {
    return new Builder();
  }

  public SignalboxConfig config() {
    return config;
  }

  public RoutingTable routing() {
    return routing;
  }

  public Upstreams upstreams() {
    return upstreams;
  }

  /**
   * Routes a request: its signals (the prompt embedding too, when the route asks for one), the
   * route's decision with its trace, the admission check, and the first endpoint to try, which
   * counts the request in flight until the returned call ends.
   *
   * @throws OpenAiError 404 when the requested name is neither a model nor a route; 400 when the
   *     chosen model cannot take the request (its operation, its context window)
   */
  public RoutedRequest route(RouteRequest request) {
    long start = clock.getAsLong();
    Signals signals = SignalExtractor.extract(request);
    String missing = null;
    Optional<Embedder> embedder = routing.embedderFor(request.model());
    if (embedder.isPresent()) {
      try {
        signals = signals.withEmbedding(embedder.get().embed(signals.text()));
      } catch (RuntimeException e) {
        missing = "prompt embedding failed: " + e.getMessage(); // fail open, as the gateway does
      }
    }
    Routed routed = routing.decide(request, signals).orElseThrow(() -> OpenAiError.modelNotFound(request.model()));
    if (missing != null) {
      routed = routed.noted(missing);
    }
    routing.admit(routed, request, signals.promptTokens());
    if (learners.containsKey(routed.route())) {
      decided.put(request.id(), routed);
    }
    RoutedRequest.Log log = new RoutedRequest.Log();
    AttemptPlanner planner = new AttemptPlanner(upstreams, config.upstream(), request, routed.model(),
        routed.fallbacks(), signals.promptTokens(), start, log,
        bound -> bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
    return new RoutedRequest(this, request, signals, routed, planner, log, start);
  }

  /**
   * Feeds what a request measured (status, latency, usage, cost, which model answered) to the
   * route that decided it; the rules of {@link MeasuredFeedback} apply (a client that left says
   * nothing; a fallback's answer counts against the routed model).
   *
   * @return what the route did with it: {@link Learned#UNKNOWN} for routes that do not learn, for
   *     ids already learned or forgotten, and for outcomes that tell nothing
   */
  public Learned report(String requestId, RequestOutcome outcome) {
    Routed routed = decided.get(requestId);
    Outcome signal = routed == null ? null : MeasuredFeedback.of(routed.model(), outcome);
    return signal == null ? Learned.UNKNOWN : learners.get(routed.route()).learn(requestId, signal);
  }

  /**
   * A quality score in [0, 1] for a request's answer (a judge's, a user's), as {@code POST
   * /v1/feedback} brings it to the gateway; learned once the request's outcome is reported too.
   */
  public Learned score(String requestId, double quality) {
    Routed routed = decided.get(requestId);
    return routed == null ? Learned.UNKNOWN : learners.get(routed.route()).learn(requestId, Outcome.feedback(quality));
  }

  /** The routes that learn, by name: what they learned ({@link LearningRouter#explain}), snapshots. */
  public Map<String, LearningRouter> learners() {
    return learners;
  }

  long now() {
    return clock.getAsLong();
  }

  /** Applies what the learners have queued and stops their writers. */
  @Override
  public void close() {
    learners.values().forEach(LearningRouter::close);
  }

  /**
   * A configuration in code, in the YAML's terms (the same keys, checked the same way), on top of
   * optional YAML text.
   */
  public static final class Builder {
    private String yaml;
    private final ObjectNode tree = JSON.createObjectNode();
    private Function<String, String> env = System::getenv;
    private LongSupplier clock = System::nanoTime;

    private Builder() {}

    /** YAML text to start from; what the builder adds comes after its models and routes. */
    public Builder yaml(String text) {
      this.yaml = text;
      return this;
    }

    /** Where {@code ${VAR}} in the YAML is looked up (null: not set); the environment by default. */
    public Builder env(Function<String, String> variables) {
      this.env = variables;
      return this;
    }

    /** A model at these list prices (USD per 1M tokens), served by OpenAI-compatible endpoints. */
    public Builder model(String name, double inputPrice, double outputPrice, String... endpointUrls) {
      ObjectNode model = JSON.createObjectNode().put("name", name).put("input_price", inputPrice)
          .put("output_price", outputPrice);
      ArrayNode endpoints = model.putArray("endpoints");
      for (String url : endpointUrls) {
        endpoints.addObject().put("url", url);
      }
      return model(model);
    }

    /** A model with any of the YAML's model keys ({@code context_window}, {@code pool}, endpoint {@code api_key}, ...). */
    public Builder model(Map<String, ?> settings) {
      return model((ObjectNode) JSON.valueToTree(settings));
    }

    /** A route with its policy's settings, e.g. {@code Map.of("policy", "rules", "default", "small", ...)}. */
    public Builder route(String name, Map<String, ?> settings) {
      ObjectNode route = JSON.createObjectNode().put("name", name);
      route.setAll((ObjectNode) JSON.valueToTree(settings));
      section("routes").add(route);
      return this;
    }

    /** Any other setting by its dotted key, e.g. {@code option("upstream.max_attempts", 2)}. */
    public Builder option(String dottedKey, Object value) {
      String[] parts = dottedKey.split("\\.");
      ObjectNode node = tree;
      for (int i = 0; i < parts.length - 1; i++) {
        node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
      }
      node.set(parts[parts.length - 1], JSON.valueToTree(value));
      return this;
    }

    /** The time source in nanoseconds (a manual clock in tests); {@link System#nanoTime} by default. */
    public Builder clock(LongSupplier nanos) {
      this.clock = nanos;
      return this;
    }

    /**
     * @throws dev.signalbox.core.config.ConfigException naming the first bad key, as the gateway would
     */
    public Signalbox build() {
      ObjectNode root = yaml == null ? JSON.createObjectNode() : (ObjectNode) ConfigLoader.tree(yaml, env);
      merge(root, tree);
      return new Signalbox(SignalboxConfig.parse(new ConfigNode(root, "")), clock);
    }

    private Builder model(ObjectNode model) {
      section("models").add(model);
      return this;
    }

    private ArrayNode section(String name) {
      return tree.has(name) ? (ArrayNode) tree.get(name) : tree.putArray(name);
    }

    /** Lists are appended to, mappings merged key by key, anything else replaced. */
    private static void merge(ObjectNode into, ObjectNode from) {
      from.fields().forEachRemaining(e -> {
        if (e.getValue().isArray() && into.path(e.getKey()).isArray()) {
          ((ArrayNode) into.get(e.getKey())).addAll((ArrayNode) e.getValue());
        } else if (e.getValue().isObject() && into.path(e.getKey()).isObject()) {
          merge((ObjectNode) into.get(e.getKey()), (ObjectNode) e.getValue());
        } else {
          into.set(e.getKey(), e.getValue());
        }
      });
    }
  }
}
