package dev.signalbox.learn;

import dev.signalbox.learn.cost.CostModel;
import dev.signalbox.learn.cost.CostModels;
import dev.signalbox.learn.quality.EnsembleQuality;
import dev.signalbox.learn.quality.KnnQuality;
import dev.signalbox.learn.quality.QualityLearner;
import dev.signalbox.learn.quality.QualityModel;
import dev.signalbox.learn.quality.QualityModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Trains learned routers on some rows of a dataset. Hyperparameters are chosen by K-fold
 * cross-validation inside those rows only: each candidate's out-of-fold predictions are routed
 * over the whole λ sweep and scored by the AIQ of the resulting frontier (or by quality at λ = 0
 * when the data has no costs). The same out-of-fold predictions calibrate λ to a target.
 * Results per family and rows are memoised, so an ensemble reuses its members' searches.
 */
public final class Trainer {
  /** The members of {@code ensemble} unless it names others: the best mix on both datasets of docs/BENCHMARKS.md. */
  public static final String DEFAULT_ENSEMBLE = "cluster+logistic+mlp";

  private final Dataset data;
  private final Settings settings;
  private final Map<String, Selection> selections = new ConcurrentHashMap<>();

  /**
   * @param folds inner cross-validation folds
   * @param seed for fold shuffles and network initialisation
   * @param inputPrice USD per 1M prompt tokens per model, or null (then cost is fitted to the data)
   * @param outputPrice USD per 1M output tokens per model, or null
   */
  public record Settings(int folds, long seed, double[] inputPrice, double[] outputPrice) {}

  /** The winning learner of a family, with out-of-fold estimates for the rows it was chosen on. */
  public record Selection(QualityLearner learner, Map<String, Double> scores, double[][] oofQuality) {}

  /** A trained router: its predictors, the knob's unit, its calibration and how it was chosen. */
  public record Trained(String spec, String chosen, QualityModel quality, CostModel cost, double costScale,
      Calibration calibration, Map<String, Double> cvScores, String fallback) {}

  public Trainer(Dataset data, Settings settings) {
    this.data = data;
    this.settings = settings;
  }

  /**
   * Trains the router a policy spec names: a family ({@code knn}, {@code cluster}, {@code logistic},
   * {@code mlp}, {@code mf}) with optional fixed settings, or {@code ensemble[:members=knn+mlp]}.
   */
  public Trained train(String spec, int[] rows) {
    var parsed = QualityModels.parseSpec(spec);
    Selection selection;
    List<QualityLearner> fitted = new ArrayList<>();
    Map<String, Double> scores = new LinkedHashMap<>();
    if (parsed.getKey().equals("ensemble")) {
      String members = parsed.getValue().getOrDefault("members", DEFAULT_ENSEMBLE);
      List<Selection> parts = new ArrayList<>();
      for (String member : members.split("\\+")) {
        Selection s = select(member.trim(), Map.of(), rows);
        parts.add(s);
        fitted.add(s.learner());
        scores.putAll(s.scores());
      }
      double[][] oof = new double[data.size()][];
      for (int r : rows) {
        oof[r] = new double[data.modelCount()];
        for (Selection s : parts) {
          for (int m = 0; m < oof[r].length; m++) {
            oof[r][m] += s.oofQuality()[r][m] / parts.size();
          }
        }
      }
      QualityLearner ensemble = EnsembleQuality.learner(fitted);
      selection = new Selection(ensemble, scores, oof);
    } else {
      selection = select(parsed.getKey(), parsed.getValue(), rows);
      scores.putAll(selection.scores());
    }
    QualityModel quality = selection.learner().fit(data, rows, settings.seed());
    CostModel cost = costModel(rows);
    double scale = costScale(rows);
    Calibration calibration = calibrate(selection.oofQuality(), oofCosts(rows), rows, scale);
    return new Trained(spec, selection.learner().spec(), quality, cost, scale, calibration, scores, bestSingle(rows));
  }

  /** The best learner of one family by cross-validation on {@code rows}, memoised. */
  public Selection select(String family, Map<String, String> fixed, int[] rows) {
    String key = family + fixed + java.util.Arrays.hashCode(rows) + ":" + rows.length;
    Selection cached = selections.get(key);
    if (cached != null) {
      return cached;
    }
    List<QualityLearner> candidates = QualityModels.grid(family, fixed);
    List<Folds.Fold> folds = Folds.split(rows, settings.folds(), settings.seed());
    double[][] oofCost = oofCosts(rows);
    double scale = costScale(rows);
    double[][][] oof = new double[candidates.size()][][];
    for (int c = 0; c < candidates.size(); c++) {
      oof[c] = new double[data.size()][];
    }
    if (family.equals("knn")) {
      knnOutOfFold(candidates, folds, oof);
    } else {
      IntStream.range(0, candidates.size() * folds.size()).parallel().forEach(job -> {
        int c = job / folds.size();
        Folds.Fold fold = folds.get(job % folds.size());
        QualityModel model = candidates.get(c).fit(data, fold.train(), settings.seed() + job);
        for (int r : fold.test()) {
          oof[c][r] = model.predict(data.features()[r]);
        }
      });
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < candidates.size(); c++) {
      double score = score(calibrate(oof[c], oofCost, rows, scale), rows);
      scores.put(candidates.get(c).spec(), score);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    Selection s = new Selection(candidates.get(best), scores, oof[best]);
    selections.put(key, s);
    return s;
  }

  /** kNN candidates differ only in how they read neighbours: search once per fold and row. */
  private void knnOutOfFold(List<QualityLearner> candidates, List<Folds.Fold> folds, double[][][] oof) {
    for (Folds.Fold fold : folds) {
      List<KnnQuality> models = new ArrayList<>();
      int need = 0;
      for (QualityLearner c : candidates) {
        KnnQuality m = (KnnQuality) c.fit(data, fold.train(), settings.seed());
        models.add(m);
        need = Math.max(need, m.neighboursNeeded());
      }
      int n = need;
      IntStream.of(fold.test()).parallel().forEach(r -> {
        int[] nearest = models.get(0).nearest(data.features()[r], n);
        for (int c = 0; c < models.size(); c++) {
          oof[c][r] = models.get(c).predictFromNeighbours(nearest);
        }
      });
    }
  }

  /** The frontier's AIQ (÷c_max) when there are costs, else the quality at λ = 0. */
  private double score(Calibration cal, int[] rows) {
    if (!data.hasCosts()) {
      return cal.quality()[0];
    }
    double cMax = 0;
    for (double c : data.meanOver(data.cost(), rows)) {
      cMax = Math.max(cMax, c);
    }
    List<Frontier.Point> points = new ArrayList<>();
    for (int i = 0; i < cal.cost().length; i++) {
      points.add(new Frontier.Point(cal.cost()[i], cal.quality()[i]));
    }
    return Frontier.aiqByMax(points, cMax);
  }

  private Calibration calibrate(double[][] quality, double[][] cost, int[] rows, double scale) {
    List<Double> lambdas = Knob.sweep();
    double[] c = new double[lambdas.size()];
    double[] q = new double[lambdas.size()];
    for (int i = 0; i < lambdas.size(); i++) {
      for (int r : rows) {
        int m = Knob.choose(quality[r], cost[r], scale, lambdas.get(i));
        c[i] += data.cost()[r][m] / rows.length;
        q[i] += nanToZero(data.quality()[r][m]) / rows.length;
      }
    }
    return new Calibration(lambdas, c, q);
  }

  /** Out-of-fold cost predictions, so calibration sees the errors the router will make. */
  private double[][] oofCosts(int[] rows) {
    double[][] out = new double[data.size()][];
    for (Folds.Fold fold : Folds.split(rows, settings.folds(), settings.seed() + 7)) {
      CostModel model = costModel(fold.train());
      for (int r : fold.test()) {
        out[r] = model.predict(data.features()[r]);
      }
    }
    return out;
  }

  private CostModel costModel(int[] rows) {
    return CostModels.fit(data, rows, settings.inputPrice(), settings.outputPrice());
  }

  private double costScale(int[] rows) {
    double max = 0;
    for (double c : data.meanOver(data.cost(), rows)) {
      max = Math.max(max, Double.isNaN(c) ? 0 : c);
    }
    return max > 0 ? max : 1;
  }

  /** The model with the best mean quality on the rows (the cheaper on a tie): the fallback. */
  private String bestSingle(int[] rows) {
    double[] q = data.meanOver(data.quality(), rows);
    double[] c = data.meanOver(data.cost(), rows);
    int best = 0;
    for (int m = 1; m < q.length; m++) {
      if (q[m] > q[best] || (q[m] == q[best] && c[m] < c[best])) {
        best = m;
      }
    }
    return data.models().get(best);
  }

  private static double nanToZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
