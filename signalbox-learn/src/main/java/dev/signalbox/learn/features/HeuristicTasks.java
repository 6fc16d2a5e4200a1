package dev.signalbox.learn.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.signal.Signals;
import dev.signalbox.core.signal.TaskHeuristic;
import java.util.List;

/**
 * The keyword fallback for the task: the label core's lexical {@link TaskHeuristic} gave the
 * request (code, math, reasoning, …), as a one-hot distribution. Needs no training and no embedding.
 */
public final class HeuristicTasks implements TaskModel {

  @Override
  public List<String> labels() {
    return TaskHeuristic.LABELS;
  }

  @Override
  public double[] probabilities(Signals signals) {
    double[] p = new double[TaskHeuristic.LABELS.size()];
    int i = TaskHeuristic.LABELS.indexOf(signals.task());
    p[i < 0 ? p.length - 1 : i] = 1;
    return p;
  }

  @Override
  public boolean needsEmbedding() {
    return false;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "heuristic");
    return n;
  }
}
