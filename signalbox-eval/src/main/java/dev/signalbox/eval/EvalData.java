package dev.signalbox.eval;

import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.SignalExtractor;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.eval.trace.ModelOutcome;
import dev.signalbox.eval.trace.TraceRecord;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.Features;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Trace records ready for replay: the columns learners train on ({@link Dataset}) and, per row, the
 * exact {@link Signals} a router sees in the gateway (cheap signals plus the prompt embedding).
 * Only models that every record scores are kept.
 *
 * @param records the records, in row order
 * @param signals per row, what a router is given
 * @param data the training columns
 */
public record EvalData(List<TraceRecord> records, Signals[] signals, Dataset data) {

  /** Prices a model's call when the data has no cost for it. */
  public interface CostFiller {
    /** The cost of this outcome, or NaN when unknown. */
    double cost(String model, ModelOutcome outcome, Signals signals);
  }

  /** Builds the columns, embedding every prompt (through the embedder's cache). */
  public static EvalData of(List<TraceRecord> records, Embedder embedder, CostFiller costs) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no records to evaluate");
    }
    LinkedHashSet<String> common = new LinkedHashSet<>(records.get(0).models().keySet());
    for (TraceRecord r : records) {
      common.retainAll(r.models().keySet());
    }
    if (common.isEmpty()) {
      throw new IllegalArgumentException("no model is scored on every record");
    }
    List<String> models = new ArrayList<>(common);
    Signals[] signals = new Signals[records.size()];
    List<String> texts = new ArrayList<>(records.size());
    for (int i = 0; i < signals.length; i++) {
      signals[i] = SignalExtractor.extract(records.get(i).request());
      texts.add(signals[i].text());
    }
    List<float[]> vectors = embedder.embedAll(texts);
    Features[] features = new Features[signals.length];
    String[] tasks = new String[signals.length];
    double[][] quality = new double[signals.length][models.size()];
    double[][] cost = new double[signals.length][models.size()];
    double[][] outputTokens = new double[signals.length][models.size()];
    for (int i = 0; i < signals.length; i++) {
      signals[i] = signals[i].withEmbedding(vectors.get(i));
      features[i] = Features.of(signals[i]);
      tasks[i] = records.get(i).task();
      Map<String, ModelOutcome> outcomes = records.get(i).models();
      for (int m = 0; m < models.size(); m++) {
        ModelOutcome o = outcomes.get(models.get(m));
        quality[i][m] = o.quality();
        double c = Double.isNaN(o.cost()) ? costs.cost(models.get(m), o, signals[i]) : o.cost();
        cost[i][m] = Double.isNaN(c) ? 0 : c;
        outputTokens[i][m] = o.outputTokens();
      }
    }
    return new EvalData(List.copyOf(records), signals, new Dataset(models, features, tasks, quality, cost, outputTokens));
  }

  /** Row indices whose record has this split. */
  public int[] rowsOfSplit(String split) {
    return java.util.stream.IntStream.range(0, records.size())
        .filter(i -> split.equals(records.get(i).split())).toArray();
  }

  /** The distinct task labels, in order of appearance. */
  public List<String> tasks() {
    return new ArrayList<>(new LinkedHashSet<>(List.of(data.tasks())));
  }
}
