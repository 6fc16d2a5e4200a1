package dev.signalbox.eval.online;

import dev.signalbox.core.signal.Signals;
import dev.signalbox.eval.EvalData;
import dev.signalbox.learn.Dataset;
import dev.signalbox.learn.online.Example;
import dev.signalbox.learn.online.Reward;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace split for online replay: warm-up rows (the training split, used to fit the task
 * classifier and to warm learners up with full information) and the stream (every other row, shown
 * one at a time with only the chosen model's outcome). Without a split every row is streamed and
 * nothing is warm.
 *
 * @param data the trace's columns and signals
 * @param warmRows the warm-up rows
 * @param streamRows the streamed rows, in file order (each seed shuffles them)
 * @param reward the reward every policy maximises and regret is measured in
 */
public record OnlineData(EvalData data, int[] warmRows, int[] streamRows, Reward reward) {

  /**
   * Splits the data and fixes the reward: cost is scaled by the dearest model's mean cost over the
   * warm-up rows (the stream's when there are none), as {@link dev.signalbox.learn.Knob} scales λ.
   */
  public static OnlineData of(EvalData data, double lambda) {
    int[] train = data.rowsOfSplit("train");
    int n = data.records().size();
    int[] warm = train.length > 0 && train.length < n ? train : new int[0];
    boolean[] isWarm = new boolean[n];
    for (int r : warm) {
      isWarm[r] = true;
    }
    int[] stream = java.util.stream.IntStream.range(0, n).filter(r -> !isWarm[r]).toArray();
    Dataset d = data.data();
    double[] meanCost = d.meanOver(d.cost(), warm.length > 0 ? warm : stream);
    double scale = 0;
    for (double c : meanCost) {
      scale = Math.max(scale, Double.isNaN(c) ? 0 : c);
    }
    return new OnlineData(data, warm, stream, new Reward(lambda, scale > 0 ? scale : 1, 0));
  }

  public List<String> models() {
    return data.data().models();
  }

  public Signals signals(int row) {
    return data.signals()[row];
  }

  public String task(int row) {
    return data.data().tasks()[row];
  }

  public double quality(int row, int model) {
    return data.data().quality()[row][model];
  }

  public double cost(int row, int model) {
    return data.data().cost()[row][model];
  }

  /** The warm-up rows as full-information examples. */
  public List<Example> warmExamples() {
    List<Example> out = new ArrayList<>(warmRows.length);
    for (int r : warmRows) {
      out.add(new Example(signals(r), data.data().quality()[r], data.data().cost()[r]));
    }
    return out;
  }

  /** Whether the rows carry task labels a classifier can learn (more than one label). */
  public boolean hasTaskLabels() {
    return warmRows.length > 0 && java.util.Arrays.stream(warmRows).mapToObj(this::task).distinct().count() > 1;
  }

  /** The single model with the highest mean reward over the stream. */
  public String bestFixedModel() {
    return modelsByReward().get(0);
  }

  /** The models from the highest total reward over the stream to the lowest. */
  public List<String> modelsByReward() {
    double[] total = new double[models().size()];
    for (int m = 0; m < total.length; m++) {
      for (int r : streamRows) {
        total[m] += reward.of(quality(r, m), cost(r, m), Double.NaN);
      }
    }
    List<String> out = new ArrayList<>(models());
    out.sort(java.util.Comparator.comparingDouble(m -> -total[models().indexOf(m)]));
    return out;
  }
}
