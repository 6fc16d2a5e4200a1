package dev.signalbox.learn;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RouterProvider;
import dev.signalbox.core.routing.Routers;
import dev.signalbox.core.signal.Embedders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The {@code trained} policy: serves a router artifact written by {@code signalbox train}, on the
 * catalog's models and at their prices ({@link ServedArtifact}).
 *
 * <pre>
 * - name: smart
 *   policy: trained
 *   artifact: routers/smart.json     # relative to the working directory
 *   target_cost: 0.001               # catalog USD per request; or target_quality: 0.85, or lambda: 0.3 (default: the artifact's)
 *   fallback: gpt-4o-mini            # when the embedding is late (default: the artifact's)
 *   models: {gpt-4-1106-preview: gpt-4o}   # artifact model -> catalog model, where names differ
 * </pre>
 *
 * An artifact model that is neither in the catalog nor mapped is left out, with a warning.
 */
public final class TrainedRouterProvider implements RouterProvider {
  private static final Logger LOG = Logger.getLogger(TrainedRouterProvider.class.getName());

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
    RouterArtifact artifact = read(n);
    ConfigNode mapping = n.get("models");
    if (!mapping.isMissing()) {
      mapping.requireObject();
      for (String key : mapping.keys()) {
        if (!artifact.models().contains(key)) {
          throw mapping.get(key).problem("the artifact has no model '" + key + "'; it has " + String.join(", ", artifact.models()));
        }
      }
    }
    List<Integer> columns = new ArrayList<>();
    List<ModelSpec> served = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int c = 0; c < artifact.models().size(); c++) {
      String model = artifact.models().get(c);
      String name = mapping.has(model) ? Routers.knownModel(mapping.get(model), catalog) : model;
      if (catalog.contains(name)) {
        columns.add(c);
        served.add(catalog.get(name));
      } else {
        skipped.add(model);
      }
    }
    if (served.isEmpty()) {
      throw (mapping.isMissing() ? n.get("artifact") : mapping).problem("none of the artifact's models is in the catalog; "
          + "map them under models: {" + artifact.models().get(0) + ": NAME, ...}, or train a router on catalog models "
          + "with train --models A,B,C");
    }
    List<String> kept = columns.stream().map(c -> artifact.models().get(c)).toList();
    if (!skipped.isEmpty()) {
      LOG.warning(() -> "route '" + route.name() + "': serving " + kept.size() + " of the artifact's "
          + artifact.models().size() + " models; not in the catalog and not mapped under models: "
          + String.join(", ", skipped) + " (map them, or retrain on the others: train --models " + String.join(",", kept) + ")");
    }
    String fallback = fallback(n, artifact, catalog, kept, served);
    ServedArtifact router = new ServedArtifact(artifact, columns.stream().mapToInt(Integer::intValue).toArray(), served);
    if (!router.repriced()) {
      LOG.warning(() -> "route '" + route.name() + "': the artifact has no output-token predictions (trained on data "
          + "without output tokens, or by an older signalbox), so it decides at the training data's prices and "
          + "target_cost is in its dollars");
    }
    double lambda = knob(n, artifact, router);
    try {
      return router.router(Embedders.byId(artifact.embedder()), fallback, lambda);
    } catch (IllegalArgumentException e) {
      throw n.get("artifact").problem(e.getMessage());
    }
  }

  private static RouterArtifact read(ConfigNode n) {
    Path file = Path.of(n.string("artifact"));
    ConfigNode at = n.get("artifact");
    if (!Files.isRegularFile(file)) {
      throw at.problem("no such file: " + file.toAbsolutePath());
    }
    try {
      return RouterArtifact.read(file);
    } catch (IllegalArgumentException e) {
      throw at.problem(e.getMessage());
    }
  }

  /** The configured fallback, else the artifact's, which must then be served. */
  private static String fallback(ConfigNode n, RouterArtifact artifact, Catalog catalog, List<String> kept,
      List<ModelSpec> served) {
    if (n.has("fallback")) {
      return Routers.knownModel(n.get("fallback"), catalog);
    }
    int at = kept.indexOf(artifact.fallback());
    if (at < 0) {
      throw n.problem("the artifact's fallback model '" + artifact.fallback() + "' is not in the catalog; "
          + "set fallback: NAME, map it under models:, or retrain on served models: train --models " + String.join(",", kept));
    }
    return served.get(at).name();
  }

  private static double knob(ConfigNode n, RouterArtifact artifact, ServedArtifact served) {
    int given = (n.has("lambda") ? 1 : 0) + (n.has("target_cost") ? 1 : 0) + (n.has("target_quality") ? 1 : 0);
    if (given > 1) {
      throw n.problem("give at most one of lambda, target_cost, target_quality");
    }
    if (n.has("lambda")) {
      return n.get("lambda").check(n.number("lambda"), l -> l >= 0, "must not be negative");
    }
    for (String target : List.of("target_cost", "target_quality")) {
      if (n.has(target) && served.calibration().isEmpty()) {
        throw n.get(target).problem("this artifact cannot be calibrated on part of its models (it predates calibration "
            + "rows); give lambda, serve all its models, or retrain it with this signalbox");
      }
    }
    if (n.has("target_cost")) {
      return served.calibration().orElseThrow()
          .lambdaForCost(n.get("target_cost").check(n.number("target_cost"), c -> c > 0, "must be positive"));
    }
    if (n.has("target_quality")) {
      return served.calibration().orElseThrow().lambdaForQuality(
          n.get("target_quality").check(n.number("target_quality"), q -> q > 0 && q <= 1, "must be in (0, 1]"));
    }
    return artifact.lambda();
  }
}
