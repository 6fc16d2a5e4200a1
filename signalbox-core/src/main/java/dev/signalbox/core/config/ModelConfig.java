package dev.signalbox.core.config;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.pool.PoolSettings;
import dev.signalbox.core.request.Operation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A model with its replicas and the strategy that picks among them.
 *
 * @param spec name, prices, context window, operations
 * @param poolSettings the pool strategy and what it needs to know of the replicas
 * @param endpoints the replicas
 */
public record ModelConfig(ModelSpec spec, PoolSettings poolSettings, List<EndpointConfig> endpoints) {

  public ModelConfig {
    endpoints = List.copyOf(endpoints);
  }

  /** A model whose pool strategy, named {@code pool}, has default settings. */
  public ModelConfig(ModelSpec spec, String pool, List<EndpointConfig> endpoints) {
    this(spec, PoolSettings.of(pool), endpoints);
  }

  public String name() {
    return spec.name();
  }

  /** The pool strategy's name, e.g. {@code least-outstanding}. */
  public String pool() {
    return poolSettings.strategy();
  }

  static final Keys KEYS = Keys.of("a model with its replicas and the strategy that picks among them")
      .required("name", "letters, digits and . _ : / @ + -",
          "what callers put in \"model\"; unique among models and routes")
      .key("input_price", "number >= 0", 0, "USD per 1M prompt tokens")
      .key("output_price", "number >= 0", 0, "USD per 1M completion tokens")
      .key("context_window", "integer >= 16", 8192, "the most tokens prompt plus output may take")
      .key("operations", "list of chat | completions | embeddings", "[chat, completions]",
          "the API operations it serves")
      .mapping("pool", "strategy name, or a mapping", PoolSettings.DEFAULT_STRATEGY,
          "how a replica is picked: a strategy's name, or a mapping with its settings", PoolSettings.KEYS)
      .list("endpoints", true, EndpointConfig.KEYS.doc(), EndpointConfig.KEYS);

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
    PoolSettings pool =
        poolNode.attempt(() -> PoolSettings.parse(poolNode), PoolSettings.of(PoolSettings.DEFAULT_STRATEGY));
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
    return new ModelConfig(new ModelSpec(name, in, out, window, ops), pool, endpoints);
  }

  /** A stand-in for a model whose settings are broken, so that routes naming it are checked against it. */
  static ModelConfig placeholder(String name) {
    return new ModelConfig(new ModelSpec(name, 0, 0, 8192, EnumSet.of(Operation.CHAT, Operation.COMPLETIONS)),
        PoolSettings.of(PoolSettings.DEFAULT_STRATEGY), List.of());
  }

  /** The same model with each endpoint replaced by {@code f(endpoint)}. */
  public ModelConfig mapEndpoints(UnaryOperator<EndpointConfig> f) {
    List<EndpointConfig> mapped = new ArrayList<>(endpoints.size());
    for (EndpointConfig e : endpoints) {
      mapped.add(f.apply(e));
    }
    return new ModelConfig(spec, poolSettings, mapped);
  }
}
