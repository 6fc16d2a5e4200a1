package dev.signalbox.learn;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.learn.cost.CostModel;
import dev.signalbox.learn.cost.TokenCostModel;
import java.util.List;
import java.util.Optional;

/**
 * A router artifact served on catalog models: the artifact's models that a route serves (all or
 * some, in the artifact's order), each one's cost predicted as the prompt's tokens plus its
 * predicted output tokens at the catalog model's prices, and the knob re-calibrated for the served
 * models at those prices by replaying the artifact's out-of-fold rows. λ keeps its meaning (quality
 * given up per the dearest served model's mean cost), with that cost now in catalog dollars, so
 * {@code target_cost} is too. An artifact without output tokens decides at the training data's
 * prices; one without calibration rows (written before them) can calibrate only all its models.
 */
public final class ServedArtifact {
  private final RouterArtifact artifact;
  private final int[] columns;
  private final List<String> names;
  private final boolean repriced;
  private final CostModel cost;
  private final double costScale;
  private final Calibration calibration;

  /**
   * @param columns the artifact's columns served, in its order
   * @param models the catalog models serving those columns
   */
  public ServedArtifact(RouterArtifact artifact, int[] columns, List<ModelSpec> models) {
    this.artifact = artifact;
    this.columns = columns.clone();
    this.names = models.stream().map(ModelSpec::name).toList();
    CalibrationRows rows = artifact.calibrationRows();
    this.repriced = artifact.outputTokens() != null && rows != null && rows.hasTokens();
    int count = artifact.models().size();
    CostModel full = repriced ? catalogCost(artifact, columns, models) : artifact.cost();
    this.cost = Columns.isEveryColumn(columns, count) ? full : Columns.cost(full, columns);
    if (rows == null) {
      this.costScale = artifact.costScale();
      this.calibration = Columns.isEveryColumn(columns, count) ? artifact.calibration() : null;
    } else {
      List<ModelSpec> prices = repriced ? models : null;
      double[][] actual = rows.cost(columns, prices);
      this.costScale = dearestMean(actual);
      this.calibration = Calibration.sweep(rows.predictedQuality(columns), rows.predictedCost(columns, prices), actual,
          rows.quality(columns), rows.all(), costScale);
    }
  }

  /** Whether costs are the catalog's (else the training data's). */
  public boolean repriced() {
    return repriced;
  }

  /** The knob's calibration for the served models, in the dollars decisions use; empty when it cannot be redone. */
  public Optional<Calibration> calibration() {
    return Optional.ofNullable(calibration);
  }

  /** λ's unit: the dearest served model's mean cost per training prompt. */
  public double costScale() {
    return costScale;
  }

  public TradeoffRouter router(Embedder embedder, String fallback, double lambda) {
    var quality = Columns.isEveryColumn(columns, artifact.models().size()) ? artifact.quality()
        : Columns.quality(artifact.quality(), columns);
    return new TradeoffRouter("trained:" + artifact.spec(), names, embedder, quality, cost, costScale, lambda, fallback);
  }

  private static CostModel catalogCost(RouterArtifact artifact, int[] columns, List<ModelSpec> models) {
    double[] input = new double[artifact.models().size()];
    double[] output = new double[input.length];
    for (int i = 0; i < columns.length; i++) {
      input[columns[i]] = models.get(i).inputPricePerMillion();
      output[columns[i]] = models.get(i).outputPricePerMillion();
    }
    return new TokenCostModel(input, output, artifact.outputTokens());
  }

  private static double dearestMean(double[][] cost) {
    double max = 0;
    for (int m = 0; m < (cost.length == 0 ? 0 : cost[0].length); m++) {
      double sum = 0;
      for (double[] row : cost) {
        sum += row[m];
      }
      max = Math.max(max, sum / cost.length);
    }
    return max > 0 ? max : 1;
  }
}
