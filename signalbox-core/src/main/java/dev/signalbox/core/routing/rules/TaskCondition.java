package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;
import java.util.List;

/** The task label of the request is one of a set, e.g. {@code task: [code, math]}. */
final class TaskCondition implements Condition {
  private final String[] labels;

  TaskCondition(List<String> labels) {
    this.labels = labels.toArray(new String[0]);
  }

  @Override
  public boolean test(Signals signals) {
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
    return labels.length == 1 ? "task=" + labels[0] : "task in [" + String.join(", ", labels) + "]";
  }

  @Override
  public String explain(Signals signals) {
    return "task=" + signals.task();
  }
}
