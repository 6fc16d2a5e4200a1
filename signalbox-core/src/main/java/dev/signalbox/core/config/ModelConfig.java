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

  static ModelConfig parse(ConfigNode n) {
    n.allowOnly(
        "name", "input_price", "output_price", "context_window", "operations", "pool", "endpoints");
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
      Operation parsed = Operation.fromConfigName(op.asString());
      if (parsed == null) {
        throw op.problem("unknown operation '" + op.asString() + "'; use chat, completions or embeddings");
      }
      ops.add(parsed);
    }
    if (opNodes.isEmpty()) {
      ops.add(Operation.CHAT);
      ops.add(Operation.COMPLETIONS);
    }

    PoolSettings pool = PoolSettings.parse(n.get("pool"));
    List<EndpointConfig> endpoints = new ArrayList<>();
    for (ConfigNode e : n.list("endpoints")) {
      endpoints.add(EndpointConfig.parse(e));
    }
    if (endpoints.isEmpty()) {
      throw n.get("endpoints").problem("a model needs at least one endpoint");
    }
    return new ModelConfig(new ModelSpec(name, in, out, window, ops), pool, endpoints);
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
