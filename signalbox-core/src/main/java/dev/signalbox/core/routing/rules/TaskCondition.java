package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;
import java.util.List;

/**
 * The task label of the request is one of a set, e.g. {@code task: [code, math]}, and the task
 * heuristic is at least {@code min_confidence} sure of it ({@code task: {labels: [math],
 * min_confidence: 0.5}}).
 */
final class TaskCondition implements Condition {
  private final String[] labels;
  private final double minConfidence;

  TaskCondition(List<String> labels, double minConfidence) {
    this.labels = labels.toArray(new String[0]);
    this.minConfidence = minConfidence;
  }

  @Override
  public boolean test(Signals signals) {
    if (signals.taskConfidence() < minConfidence) {
      return false;
    }
    String task = signals.task();
    for (String label : labels) {
      if (label.equals(task)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String describe() {
    String is = labels.length == 1 ? "task=" + labels[0] : "task in [" + String.join(", ", labels) + "]";
    return minConfidence > 0 ? is + " (confidence >= " + minConfidence + ")" : is;
  }

  @Override
  public String explain(Signals signals) {
    String is = "task=" + signals.task();
    return minConfidence > 0 ? is + " (confidence " + Math.round(signals.taskConfidence() * 1000) / 1000.0 + ")" : is;
  }
}
