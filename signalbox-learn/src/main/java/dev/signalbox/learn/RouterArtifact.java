package dev.signalbox.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.learn.cost.CostModel;
import dev.signalbox.learn.cost.CostModels;
import dev.signalbox.learn.quality.QualityModel;
import dev.signalbox.learn.quality.QualityModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained router as one JSON file ({@value #FORMAT}): the models, the embedder it needs, the
 * fitted quality and cost predictors, the knob (λ with its unit and the out-of-fold calibration
 * table), the fallback model, and how it was chosen; and, to serve it at other prices or on part
 * of its models, an output-token predictor and the calibration's rows (both optional: artifacts
 * written before them, or trained on data without output tokens, lack them). {@code signalbox
 * train} writes it; the evaluator and the gateway's {@code trained} policy load it.
 */
public record RouterArtifact(
    String spec,
    String chosen,
    List<String> models,
    String embedder,
    String fallback,
    double costScale,
    double lambda,
    Calibration calibration,
    Map<String, Double> cvScores,
    Map<String, Object> trainedOn,
    QualityModel quality,
    CostModel cost,
    QualityModel outputTokens,
    CalibrationRows calibrationRows) {

  /** The format tag at the top of every artifact. */
  public static final String FORMAT = "signalbox-router/1";

  /** The artifact of a trained router with its knob set to λ. */
  public static RouterArtifact of(Trainer.Trained t, List<String> models, String embedderId, double lambda,
      Map<String, Object> trainedOn) {
    return new RouterArtifact(t.spec(), t.chosen(), models, embedderId, t.fallback(), t.costScale(), lambda,
        t.calibration(), t.cvScores(), trainedOn, t.quality(), t.cost(), t.outputTokens(), t.calibrationRows());
  }

  /**
   * The router on every model at the training data's prices, deciding with the given model names
   * (the artifact's own, or other names for them, in the same order); {@link ServedArtifact} serves
   * it on catalog models.
   */
  public TradeoffRouter router(Embedder embedderImpl, List<String> modelNames, String fallbackModel, double knob) {
    return new TradeoffRouter("trained:" + spec, modelNames, embedderImpl, quality, cost, costScale, knob, fallbackModel);
  }

  public void write(Path file) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("format", FORMAT);
    n.put("spec", spec);
    n.put("chosen", chosen);
    n.set("models", Json.MAPPER.valueToTree(models));
    n.put("embedder", embedder);
    n.put("fallback", fallback);
    n.put("cost_scale", costScale);
    n.put("lambda", lambda);
    ObjectNode cal = n.putObject("calibration");
    cal.set("lambda", Json.MAPPER.valueToTree(calibration.lambdas()));
    cal.set("cost", Json.MAPPER.valueToTree(calibration.cost()));
    cal.set("quality", Json.MAPPER.valueToTree(calibration.quality()));
    n.set("cv_scores", Json.MAPPER.valueToTree(cvScores));
    n.set("trained_on", Json.MAPPER.valueToTree(trainedOn));
    n.set("quality", quality.toJson());
    n.set("cost", cost.toJson());
    if (outputTokens != null) {
      n.set("output_tokens", outputTokens.toJson());
    }
    if (calibrationRows != null) {
      n.set("calibration_rows", calibrationRows.toJson());
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), n);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads an artifact, failing with a message that names the file. */
  public static RouterArtifact read(Path file) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read router artifact " + file + ": " + e.getMessage(), e);
    }
    if (n == null || !FORMAT.equals(n.path("format").asText())) {
      throw new IllegalArgumentException(file + " is not a router artifact (expected \"format\": \"" + FORMAT + "\")");
    }
    try {
      List<String> models = new ArrayList<>();
      n.get("models").forEach(m -> models.add(m.asText()));
      JsonNode cal = n.get("calibration");
      List<Double> lambdas = new ArrayList<>();
      cal.get("lambda").forEach(l -> lambdas.add(l.asDouble()));
      Map<String, Double> scores = new LinkedHashMap<>();
      n.path("cv_scores").fields().forEachRemaining(e -> scores.put(e.getKey(), e.getValue().asDouble()));
      @SuppressWarnings("unchecked")
      Map<String, Object> trainedOn = Json.MAPPER.convertValue(n.path("trained_on"), Map.class);
      return new RouterArtifact(n.get("spec").asText(), n.path("chosen").asText(), models, n.get("embedder").asText(),
          n.get("fallback").asText(), n.get("cost_scale").asDouble(), n.get("lambda").asDouble(),
          new Calibration(lambdas, Json.MAPPER.convertValue(cal.get("cost"), double[].class),
              Json.MAPPER.convertValue(cal.get("quality"), double[].class)),
          scores, trainedOn == null ? Map.of() : trainedOn,
          QualityModels.fromJson(n.get("quality")), CostModels.fromJson(n.get("cost")),
          n.has("output_tokens") ? QualityModels.fromJson(n.get("output_tokens")) : null,
          n.has("calibration_rows") ? CalibrationRows.fromJson(n.get("calibration_rows")) : null);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("router artifact " + file + " is damaged: " + e, e);
    }
  }
}
