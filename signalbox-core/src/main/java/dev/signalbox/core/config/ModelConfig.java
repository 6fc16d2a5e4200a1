package dev.signalbox.core.config;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A model with its replicas and the strategy that picks among them.
 *
 * @param spec name, prices, context window, operations
 * @param pool the pool strategy and its settings, which the strategy reads itself
 * @param metricsIntervalMs how often the gateway reads each replica's vLLM {@code /metrics}; 0: never
 * @param endpoints the replicas
 */
public record ModelConfig(ModelSpec spec, PoolConfig pool, long metricsIntervalMs, List<EndpointConfig> endpoints) {

  public ModelConfig {
    endpoints = List.copyOf(endpoints);
    if (metricsIntervalMs < 0) {
      throw new IllegalArgumentException("metrics interval must not be negative: " + metricsIntervalMs);
    }
  }

  /** A model whose pool strategy, named {@code pool}, has default settings, and whose metrics are not read. */
  public ModelConfig(ModelSpec spec, String pool, List<EndpointConfig> endpoints) {
    this(spec, PoolConfig.named(pool), 0, endpoints);
  }

  public String name() {
    return spec.name();
  }

  /** The pool strategy's name, e.g. {@code least-outstanding}. */
  public String poolStrategy() {
    return pool.strategy();
  }

  /** The keys of a model, with each pool strategy's own ({@code strategies}, by name). */
  static Keys keys(Map<String, Keys> strategies) {
    Keys pool = PoolConfig.KEYS.variants("strategy", strategies);
    return Keys.of("a model with its replicas and the strategy that picks among them")
        .required("name", "letters, digits and . _ : / @ + -",
            "what callers put in \"model\"; unique among models and routes")
        .key("input_price", "number >= 0", 0, "USD per 1M prompt tokens")
        .key("output_price", "number >= 0", 0, "USD per 1M completion tokens")
        .key("context_window", "integer >= 16", 8192, "the most tokens prompt plus output may take")
        .key("operations", "list of chat | completions | embeddings", "[chat, completions]",
            "the API operations it serves")
        .mapping("pool", "strategy name, or a mapping", PoolConfig.DEFAULT_STRATEGY, pool.doc(), pool)
        .key("metrics_interval_ms", "milliseconds", 0,
            "how often each replica's vLLM /metrics is read (queue, running, KV use); 0: never")
        .list("endpoints", true, EndpointConfig.KEYS.doc(), EndpointConfig.KEYS);
  }

  static final Keys KEYS = keys(Map.of());

  static ModelConfig parse(ConfigNode n) {
    n.allowOnly(KEYS);
    String name = n.string("name");
    n.get("name").check(name, s -> s.matches("[A-Za-z0-9._:/@+-]+"),
        "model names may use letters, digits and . _ : / @ + - only");
    double in = n.number("input_price", 0);
    n.get("input_price").check(in, p -> p >= 0, "must not be negative (USD per 1M input tokens)");
    double out = n.number("output_price", 0);
    n.get("output_price").check(out, p -> p >= 0, "must not be negative (USD per 1M output tokens)");
    int window = n.integer("context_window", 8192);
    n.get("context_window").check(window, w -> w >= 16, "must be at least 16 tokens");

    Set<Operation> ops = EnumSet.noneOf(Operation.class);
    List<ConfigNode> opNodes = n.list("operations");
    for (ConfigNode op : opNodes) {
      Operation parsed = op.attempt(() -> Operation.fromConfigName(op.asString()), Operation.CHAT);
      if (parsed == null) {
        op.report("unknown operation '" + op.asString() + "'; use chat, completions or embeddings");
      } else {
        ops.add(parsed);
      }
    }
    if (opNodes.isEmpty()) {
      ops.add(Operation.CHAT);
      ops.add(Operation.COMPLETIONS);
    }

    ConfigNode poolNode = n.get("pool");
    PoolConfig pool = poolNode.attempt(() -> PoolConfig.parse(poolNode), PoolConfig.named(PoolConfig.DEFAULT_STRATEGY));
    long metricsMs = metricsInterval(n, poolNode);
    List<EndpointConfig> endpoints = new ArrayList<>();
    List<ConfigNode> endpointNodes = n.list("endpoints");
    if (endpointNodes.isEmpty()) {
      n.get("endpoints").report("a model needs at least one endpoint");
    }
    for (ConfigNode e : endpointNodes) {
      EndpointConfig endpoint = e.attempt(() -> EndpointConfig.parse(e), null);
      if (endpoint != null) {
        endpoints.add(endpoint);
      }
    }
    return new ModelConfig(new ModelSpec(name, in, out, window, ops), pool, metricsMs, endpoints);
  }

  /** {@code metrics_interval_ms}, at the model level or in its older place, {@code pool}. */
  private static long metricsInterval(ConfigNode model, ConfigNode pool) {
    boolean inPool = pool.isObject() && pool.has("metrics_interval_ms");
    if (inPool && model.has("metrics_interval_ms")) {
      model.get("metrics_interval_ms").report("given twice: here and as pool.metrics_interval_ms; keep one");
    }
    ConfigNode at = inPool ? pool : model;
    return at.millis("metrics_interval_ms", 0).toMillis();
  }

  /** A stand-in for a model whose settings are broken, so that routes naming it are checked against it. */
  static ModelConfig placeholder(String name) {
    return new ModelConfig(new ModelSpec(name, 0, 0, 8192, EnumSet.of(Operation.CHAT, Operation.COMPLETIONS)),
        PoolConfig.DEFAULT_STRATEGY, List.of());
  }

  /** The same model with each endpoint replaced by {@code f(endpoint)}. */
  public ModelConfig mapEndpoints(UnaryOperator<EndpointConfig> f) {
    List<EndpointConfig> mapped = new ArrayList<>(endpoints.size());
    for (EndpointConfig e : endpoints) {
      mapped.add(f.apply(e));
    }
    return new ModelConfig(spec, pool, metricsIntervalMs, mapped);
  }
}
