package dev.signalbox.learn;

import dev.signalbox.learn.cost.CostModel;
import dev.signalbox.learn.cost.CostModels;
import dev.signalbox.learn.quality.ClusterQuality;
import dev.signalbox.learn.quality.EnsembleQuality;
import dev.signalbox.learn.quality.KnnQuality;
import dev.signalbox.learn.quality.QualityLearner;
import dev.signalbox.learn.quality.QualityModel;
import dev.signalbox.learn.quality.QualityModels;
import dev.signalbox.learn.quality.StackedQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
  /** The members of {@code stack} unless it names others: the task prior and every prompt-level learner. */
  public static final String DEFAULT_STACK = "task+knn+cluster+logistic+mlp+mf";

  private final Dataset data;
  private final Settings settings;
  private final Map<String, Selection> selections = new ConcurrentHashMap<>();
  private final Map<String, QualityModel> fits = new ConcurrentHashMap<>();
  private int[] neighbourPool;
  private NeighbourIndex index;
  private int indexDepth;

  /**
   * @param folds inner cross-validation folds
   * @param seed for fold shuffles and network initialisation
   * @param inputPrice USD per 1M prompt tokens per model, or null (then cost is fitted to the data)
   * @param outputPrice USD per 1M output tokens per model, or null
   */
  public record Settings(int folds, long seed, double[] inputPrice, double[] outputPrice) {}

  /** The winning learner of a family, with out-of-fold estimates for the rows it was chosen on. */
  public record Selection(QualityLearner learner, Map<String, Double> scores, double[][] oofQuality) {}

  /**
   * A trained router: its predictors, the knob's unit, its calibration and how it was chosen; the
   * output-token predictor (null when the data has no output tokens) and the calibration's rows let
   * the gateway re-price and re-calibrate it at its catalog's prices.
   */
  public record Trained(String spec, String chosen, QualityModel quality, CostModel cost, double costScale,
      Calibration calibration, Map<String, Double> cvScores, String fallback, QualityModel outputTokens,
      CalibrationRows calibrationRows) {}

  /** Clusters of the output-token predictor, and its shrinkage towards each model's mean (in prompts). */
  private static final int TOKEN_CLUSTERS = 16;
  private static final double TOKEN_SHRINK = 5;

  public Trainer(Dataset data, Settings settings) {
    this.data = data;
    this.settings = settings;
  }

  /**
   * Lets kNN searches of every fold share one ranking of these rows (all rows that any fold trains
   * on, e.g. every row of a cross-validation). Without a pool each fold searches on its own.
   */
  public Trainer shareNeighbourSearch(int[] pool) {
    this.neighbourPool = pool.clone();
    return this;
  }

  /**
   * Trains the router a policy spec names: a family ({@code knn}, {@code cluster}, {@code logistic},
   * {@code mlp}, {@code mf}) with optional fixed settings, or {@code ensemble[:members=knn+mlp]}.
   */
  public Trained train(String spec, int[] rows) {
    var parsed = QualityModels.parseSpec(spec);
    String kind = parsed.getKey();
    Selection selection;
    QualityModel quality;
    if (kind.equals("ensemble") || kind.equals("stack")) {
      String members = parsed.getValue().getOrDefault("members", kind.equals("stack") ? DEFAULT_STACK : DEFAULT_ENSEMBLE);
      List<Selection> parts = new ArrayList<>();
      List<QualityModel> fitted = new ArrayList<>();
      for (String member : members.split("\\+")) {
        Selection part = select(member.trim(), Map.of(), rows);
        parts.add(part);
        fitted.add(fit(part.learner(), rows));
      }
      if (kind.equals("stack")) {
        Stack stack = stack(parts, rows);
        selection = stack.selection();
        quality = StackedQuality.of(fitted, stack.weights());
      } else {
        selection = ensemble(parts, rows);
        quality = EnsembleQuality.of(fitted);
      }
    } else {
      selection = select(kind, parsed.getValue(), rows);
      quality = fit(selection.learner(), rows);
    }
    CostModel cost = costModel(rows);
    double scale = costScale(rows);
    double[][] oofCost = oofCosts(rows);
    Calibration calibration = calibrate(selection.oofQuality(), oofCost, rows, scale);
    boolean tokens = data.known(data.outputTokens(), rows);
    CalibrationRows kept = CalibrationRows.of(data, rows, selection.oofQuality(), oofCost,
        tokens ? outOfFold(rows, train -> outputTokenModel(train)::predict) : null);
    return new Trained(spec, selection.learner().spec(), quality, cost, scale, calibration,
        new LinkedHashMap<>(selection.scores()), bestSingle(rows), tokens ? outputTokenModel(rows) : null, kept);
  }

  /** Each model's output tokens per cluster of prompts: what re-pricing at other prices needs. */
  private QualityModel outputTokenModel(int[] rows) {
    return ClusterQuality.fitColumn(data, data.outputTokens(), rows, TOKEN_CLUSTERS, TOKEN_SHRINK, settings.seed());
  }

  /** The members' mean; its out-of-fold estimates are the mean of theirs. */
  private Selection ensemble(List<Selection> parts, int[] rows) {
    double[][] oof = new double[data.size()][];
    Map<String, Double> scores = new LinkedHashMap<>();
    List<QualityLearner> learners = new ArrayList<>();
    for (int r : rows) {
      oof[r] = new double[data.modelCount()];
      for (Selection s : parts) {
        for (int m = 0; m < oof[r].length; m++) {
          oof[r][m] += s.oofQuality()[r][m] / parts.size();
        }
      }
    }
    for (Selection s : parts) {
      learners.add(s.learner());
      scores.putAll(s.scores());
    }
    return new Selection(EnsembleQuality.learner(learners), scores, oof);
  }

  /** A stack's chosen blend: its selection and its weights ([model][member]). */
  private record Stack(Selection selection, double[][] weights) {}

  /** The weights on prompt-level evidence that {@code stack} tries against its first member, the prior. */
  static final double[] EVIDENCE_WEIGHTS = {0, 0.1, 0.2, 0.35, 0.5, 0.75, 1};

  /**
   * The members blended, the blend chosen by cross-validation like any hyperparameter: either
   * per-model weights fitted by least squares to the members' out-of-fold estimates (the blend's
   * own out-of-fold estimates then use weights fitted without the fold), or the first member (the
   * prior) shrunk towards the mean of the others with a weight w from {@link #EVIDENCE_WEIGHTS}
   * (w = 0: the prior alone; w = 1: the others' mean).
   */
  private Stack stack(List<Selection> parts, int[] rows) {
    double[][][] predictions = oofOf(parts);
    Map<String, Double> scores = new LinkedHashMap<>();
    List<QualityLearner> learners = new ArrayList<>();
    for (Selection part : parts) {
      learners.add(part.learner());
      scores.putAll(part.scores());
    }
    double[][] oofCost = oofCosts(rows);
    double scale = costScale(rows);
    double[][] oof = new double[data.size()][];
    for (Folds.Fold fold : Folds.split(rows, settings.folds(), settings.seed() + 11)) {
      double[][] w = StackedQuality.fitWeights(predictions, data.quality(), fold.train());
      for (int r : fold.test()) {
        oof[r] = StackedQuality.blend(memberRow(predictions, r), w);
      }
    }
    double[][] bestWeights = StackedQuality.fitWeights(predictions, data.quality(), rows);
    double[][] bestOof = oof;
    double bestScore = score(calibrate(oof, oofCost, rows, scale), rows);
    scores.put("stack:least-squares", bestScore);
    for (double evidence : EVIDENCE_WEIGHTS) {
      double[][] weights = StackedQuality.shrinkWeights(data.modelCount(), parts.size(), evidence);
      double[][] blended = new double[data.size()][];
      for (int r : rows) {
        blended[r] = StackedQuality.blend(memberRow(predictions, r), weights);
      }
      double score = score(calibrate(blended, oofCost, rows, scale), rows);
      scores.put("stack:evidence=" + QualityModels.num(evidence), score);
      if (score > bestScore) {
        bestScore = score;
        bestWeights = weights;
        bestOof = blended;
      }
    }
    return new Stack(new Selection(StackedQuality.learner(learners, bestWeights), scores, bestOof), bestWeights);
  }

  private static double[][][] oofOf(List<Selection> parts) {
    double[][][] out = new double[parts.size()][][];
    for (int k = 0; k < out.length; k++) {
      out[k] = parts.get(k).oofQuality();
    }
    return out;
  }

  private static double[][] memberRow(double[][][] predictions, int r) {
    double[][] out = new double[predictions.length][];
    for (int k = 0; k < out.length; k++) {
      out[k] = predictions[k][r];
    }
    return out;
  }

  /** A learner fitted on rows, memoised: an ensemble or stack reuses its members' fits. */
  private QualityModel fit(QualityLearner learner, int[] rows) {
    String key = learner.spec() + "@" + java.util.Arrays.hashCode(rows) + ":" + rows.length;
    return fits.computeIfAbsent(key, k -> learner.fit(data, rows, settings.seed()));
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

  /**
   * kNN candidates differ only in how they read neighbours: one ranking per row serves every
   * candidate, and the ranking comes from the shared {@link NeighbourIndex} (label-free, so every
   * outer and inner fold may read it) unless a list runs out.
   */
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
      NeighbourIndex index = neighbourIndex(n, fold.train().length);
      int[] position = NeighbourIndex.positions(data.size(), fold.train());
      IntStream.of(fold.test()).parallel().forEach(r -> {
        int[] nearest = index != null && index.covers(r) ? index.nearest(r, position, n) : null;
        if (nearest == null) {
          nearest = models.get(0).nearest(data.features()[r], n);
        }
        double[][] sums = models.get(0).sums(nearest);
        for (int c = 0; c < models.size(); c++) {
          oof[c][r] = models.get(c).predictFromSums(sums);
        }
      });
    }
  }

  /**
   * The shared neighbour index, built on first use over the search pool, deep enough that a fold
   * holding {@code trainRows} of the pool finds {@code need} neighbours in nearly every list.
   */
  private synchronized NeighbourIndex neighbourIndex(int need, int trainRows) {
    if (neighbourPool == null) {
      return null;
    }
    int depth = (int) Math.min(neighbourPool.length, Math.ceil(1.25 * need * neighbourPool.length / (double) trainRows) + 32);
    if (index == null || indexDepth < depth) {
      index = NeighbourIndex.build(data, neighbourPool, depth);
      indexDepth = depth;
    }
    return index;
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
    return Calibration.sweep(quality, cost, data.cost(), data.quality(), rows, scale);
  }

  /** Out-of-fold cost predictions, so calibration sees the errors the router will make. */
  private double[][] oofCosts(int[] rows) {
    return outOfFold(rows, train -> costModel(train)::predict);
  }

  /** Per row, the prediction of a model fitted without the row's fold. */
  private double[][] outOfFold(int[] rows, Function<int[], Function<Features, double[]>> fit) {
    double[][] out = new double[data.size()][];
    for (Folds.Fold fold : Folds.split(rows, settings.folds(), settings.seed() + 7)) {
      Function<Features, double[]> model = fit.apply(fold.train());
      for (int r : fold.test()) {
        out[r] = model.apply(data.features()[r]);
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
}
