package dev.signalbox.eval.online;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How fast a policy moves its traffic after a drift, from its choices request by request.
 *
 * <ul>
 *   <li><b>Moved off</b> a model that got worse: the requests after the drift until the first window
 *       of {@value #WINDOW} requests from which on every window gives it at most {@value #REMAINING} of the share
 *       it had over the {@value #BEFORE} requests before the drift (80% of its traffic moved).
 *   <li><b>Moved to</b> a task's new best model: the requests after the drift until, from then on,
 *       every window of {@value #TASK_WINDOW} requests of that task gives it more than half.
 * </ul>
 *
 * Null means it never happened before the stream ended.
 */
public final class Adaptation {
  static final int WINDOW = 50;
  static final double REMAINING = 0.2;
  static final int BEFORE = 200;
  static final int TASK_WINDOW = 20;

  private Adaptation() {}

  /**
   * One measurement over seeds.
   *
   * @param subject what moved: {@code MODEL} (off) or {@code TASK → MODEL} (to)
   * @param share moved off: the model's mean share of requests before the drift; moved to: the new
   *     model's mean share of the task's last {@value #TASK_WINDOW} requests
   * @param requests per seed, requests after the drift (null: never)
   */
  public record Move(String subject, double share, Integer[] requests) {
    /** The largest over seeds, or null when some seed never moved. */
    public Integer worst() {
      int worst = 0;
      for (Integer r : requests) {
        if (r == null) {
          return null;
        }
        worst = Math.max(worst, r);
      }
      return worst;
    }

    /** The median over seeds (a never counts as infinitely late), or null. */
    public Integer median() {
      int[] sorted = Arrays.stream(requests).mapToInt(r -> r == null ? Integer.MAX_VALUE : r).sorted().toArray();
      int m = sorted[(sorted.length - 1) / 2];
      return m == Integer.MAX_VALUE ? null : m;
    }
  }

  /** The share of {@code model} among choices {@code [from, to)}. */
  static double share(int[] chosen, int model, int from, int to) {
    if (to <= from) {
      return 0;
    }
    int n = 0;
    for (int t = from; t < to; t++) {
      n += chosen[t] == model ? 1 : 0;
    }
    return (double) n / (to - from);
  }

  /** Requests after {@code start} until {@code model} keeps at most 20% of its earlier share, or null. */
  static Integer movedOff(int[] chosen, int model, int start) {
    double before = share(chosen, model, Math.max(0, start - BEFORE), start);
    if (before == 0) {
      return 0;
    }
    Integer since = null;
    for (int t = chosen.length - WINDOW; t >= start; t--) {
      if (share(chosen, model, t, t + WINDOW) <= REMAINING * before) {
        since = t - start;
      } else {
        break;
      }
    }
    return since;
  }

  /** Requests after {@code start} until {@code model} keeps more than half of {@code task}'s requests, or null. */
  static Integer movedTo(int[] chosen, String[] tasks, String task, int model, int start) {
    List<Integer> steps = new ArrayList<>();
    for (int t = start; t < chosen.length; t++) {
      if (tasks[t].equals(task)) {
        steps.add(t);
      }
    }
    Integer since = null;
    for (int i = steps.size() - TASK_WINDOW; i >= 0; i--) {
      int got = 0;
      for (int j = i; j < i + TASK_WINDOW; j++) {
        got += chosen[steps.get(j)] == model ? 1 : 0;
      }
      if (got * 2 > TASK_WINDOW) {
        since = steps.get(i) - start;
      } else {
        break;
      }
    }
    return since;
  }
}
