package dev.signalbox.learn;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RouterProvider;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.embeddings.Embedders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code trained} policy: serves a router artifact written by {@code signalbox train}.
 *
 * <pre>
 * - name: smart
 *   policy: trained
 *   artifact: routers/smart.json     # relative to the working directory
 *   target_cost: 0.001               # or target_quality: 0.85, or lambda: 0.3 (default: the artifact's)
 *   fallback: gpt-4o-mini            # when the embedding is late (default: the artifact's)
 *   models: {gpt-4-1106-preview: gpt-4o}   # artifact model -> catalog model, where names differ
 * </pre>
 */
public final class TrainedRouterProvider implements RouterProvider {

  @Override
  public String policy() {
    return "trained";
  }

  @Override
  public Keys keys() {
    return Keys.of("a router artifact written by `signalbox train`; give at most one of lambda, target_cost, "
        + "target_quality")
        .required("artifact", "file", "the artifact (JSON), relative to the working directory")
        .key("lambda", "number >= 0", "(the artifact's)", "the cost-quality trade-off: higher, cheaper")
        .key("target_cost", "USD > 0", null, "the lambda whose mean cost per request (in the training data) is this")
        .key("target_quality", "number in (0, 1]", null, "the lambda whose mean quality (out of fold) is this")
        .key("fallback", "model name", "(the artifact's)", "the model used when the prompt's embedding is late")
        .key("models", "mapping of artifact model: catalog model", null,
            "maps the artifact's model names to the catalog's, where they differ");
  }

  @Override
  public Router create(RouteConfig route, Catalog catalog) {
    ConfigNode n = route.settings();
    Path file = Path.of(n.string("artifact"));
    if (!Files.isRegularFile(file)) {
      throw n.get("artifact").problem("no such file: " + file.toAbsolutePath());
    }
    RouterArtifact artifact;
    try {
      artifact = RouterArtifact.read(file);
    } catch (IllegalArgumentException e) {
      throw n.get("artifact").problem(e.getMessage());
    }
    ConfigNode mapping = n.get("models");
    if (!mapping.isMissing()) {
      mapping.requireObject();
      for (String key : mapping.keys()) {
        if (!artifact.models().contains(key)) {
          throw mapping.get(key).problem("the artifact has no model '" + key + "'; it has " + String.join(", ", artifact.models()));
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (String model : artifact.models()) {
      String name = mapping.has(model) ? Routers.knownModel(mapping.get(model), catalog) : model;
      if (!catalog.contains(name)) {
        throw (mapping.isMissing() ? n.get("artifact") : mapping).problem("the artifact's model '" + model
            + "' is not in the catalog; map it under models: {" + model + ": NAME}");
      }
      names.add(name);
    }
    String fallback = n.has("fallback") ? Routers.knownModel(n.get("fallback"), catalog)
        : names.get(artifact.models().indexOf(artifact.fallback()));
    double lambda = knob(n, artifact);
    try {
      return artifact.router(Embedders.byId(artifact.embedder()), names, fallback, lambda);
    } catch (IllegalArgumentException e) {
      throw n.get("artifact").problem(e.getMessage());
    }
  }

  private static double knob(ConfigNode n, RouterArtifact artifact) {
    int given = (n.has("lambda") ? 1 : 0) + (n.has("target_cost") ? 1 : 0) + (n.has("target_quality") ? 1 : 0);
    if (given > 1) {
      throw n.problem("give at most one of lambda, target_cost, target_quality");
    }
    if (n.has("lambda")) {
      return n.get("lambda").check(n.number("lambda"), l -> l >= 0, "must not be negative");
    }
    if (n.has("target_cost")) {
      return artifact.calibration().lambdaForCost(n.get("target_cost").check(n.number("target_cost"), c -> c > 0, "must be positive"));
    }
    if (n.has("target_quality")) {
      return artifact.calibration().lambdaForQuality(
          n.get("target_quality").check(n.number("target_quality"), q -> q > 0 && q <= 1, "must be in (0, 1]"));
    }
    return artifact.lambda();
  }
}
