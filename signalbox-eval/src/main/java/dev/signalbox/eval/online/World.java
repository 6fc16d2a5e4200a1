package dev.signalbox.eval.online;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream as a drift scenario makes it: which models are in the pool at each request, and each
 * model's quality and cost on a prompt from the drift's start on. Without a drift it is the trace.
 */
final class World {
  private final OnlineData data;
  private final List<DriftSpec.Change> changes;
  private final int n;

  World(OnlineData data, DriftSpec drift) {
    this.data = data;
    this.changes = drift == null ? List.of() : drift.changes();
    this.n = data.streamRows().length;
  }

  /** The models in the pool before the first request. */
  List<String> initialPool() {
    List<String> pool = new ArrayList<>(data.models());
    for (DriftSpec.Change c : changes) {
      if (c.kind() == DriftSpec.Kind.ADD && c.start(n) > 0) {
        pool.remove(c.model());
      }
    }
    return pool;
  }

  /** The models in the pool at request {@code t}. */
  List<String> available(int t) {
    List<String> pool = new ArrayList<>(data.models());
    for (DriftSpec.Change c : changes) {
      boolean started = t >= c.start(n);
      if ((c.kind() == DriftSpec.Kind.ADD && !started) || (c.kind() == DriftSpec.Kind.REMOVE && started)) {
        pool.remove(c.model());
      }
    }
    return pool;
  }

  List<String> addedAt(int t) {
    return changedAt(t, DriftSpec.Kind.ADD);
  }

  List<String> removedAt(int t) {
    return changedAt(t, DriftSpec.Kind.REMOVE);
  }

  private List<String> changedAt(int t, DriftSpec.Kind kind) {
    List<String> out = new ArrayList<>(1);
    for (DriftSpec.Change c : changes) {
      if (c.kind() == kind && c.start(n) == t && t > 0) {
        out.add(c.model());
      }
    }
    return out;
  }

  /** Model {@code m}'s quality on {@code row} at request {@code t}, in [0, 1]. */
  double quality(int t, int row, int m) {
    double q = data.quality(row, m);
    for (DriftSpec.Change c : changes) {
      if (c.kind() == DriftSpec.Kind.QUALITY && t >= c.start(n) && data.models().get(m).equals(c.model())) {
        q = c.factor() ? q * c.value() : c.value();
      }
    }
    return Math.max(0, Math.min(1, q));
  }

  /** Model {@code m}'s cost on {@code row} at request {@code t}, USD. */
  double cost(int t, int row, int m) {
    double cost = data.cost(row, m);
    for (DriftSpec.Change c : changes) {
      if (c.kind() == DriftSpec.Kind.PRICE && t >= c.start(n) && data.models().get(m).equals(c.model())) {
        cost *= c.value();
      }
    }
    return cost;
  }

  /** The best reward any model of the pool has on {@code row} at request {@code t}. */
  double bestReward(int t, int row) {
    double best = Double.NEGATIVE_INFINITY;
    for (String model : available(t)) {
      int m = data.models().indexOf(model);
      best = Math.max(best, data.reward().of(quality(t, row, m), cost(t, row, m), Double.NaN));
    }
    return best;
  }

  /**
   * Per model the drift made worse (its mean reward over the stream falls: lower quality, higher
   * price), how fast each seed moved its traffic off it.
   */
  List<Adaptation.Move> movedOff(int[][] chosen) {
    List<Adaptation.Move> out = new ArrayList<>();
    for (DriftSpec.Change c : changes) {
      int m = data.models().indexOf(c.model());
      int start = c.start(n);
      if ((c.kind() != DriftSpec.Kind.QUALITY && c.kind() != DriftSpec.Kind.PRICE) || !worse(m, start)) {
        continue;
      }
      Integer[] requests = new Integer[chosen.length];
      double share = 0;
      for (int s = 0; s < chosen.length; s++) {
        requests[s] = Adaptation.movedOff(chosen[s], m, start);
        share += Adaptation.share(chosen[s], m, Math.max(0, start - Adaptation.BEFORE), start) / chosen.length;
      }
      out.add(new Adaptation.Move(c.model(), share, requests));
    }
    return out;
  }

  /** Whether model {@code m} earns less over the stream's prompts after request {@code start} than before. */
  private boolean worse(int m, int start) {
    double before = 0;
    double after = 0;
    for (int row : data.streamRows()) {
      before += data.reward().of(quality(0, row, m), cost(0, row, m), Double.NaN);
      after += data.reward().of(quality(start, row, m), cost(start, row, m), Double.NaN);
    }
    return after < before;
  }

  /**
   * Per added model and task where it is the best model after it arrives (the highest mean reward
   * over the task's stream prompts), how fast each seed gave it most of that task's requests.
   */
  List<Adaptation.Move> movedTo(int[][] chosen, String[][] tasks) {
    List<Adaptation.Move> out = new ArrayList<>();
    for (DriftSpec.Change c : changes) {
      if (c.kind() != DriftSpec.Kind.ADD) {
        continue;
      }
      int start = c.start(n);
      int m = data.models().indexOf(c.model());
      for (String task : tasksWon(c.model(), start)) {
        Integer[] requests = new Integer[chosen.length];
        double share = 0;
        for (int s = 0; s < chosen.length; s++) {
          requests[s] = Adaptation.movedTo(chosen[s], tasks[s], task, m, start);
          share += finalShare(chosen[s], tasks[s], task, m) / chosen.length;
        }
        out.add(new Adaptation.Move(task + " → " + c.model(), share, requests));
      }
    }
    return out;
  }

  /** The tasks on which {@code model} has the highest mean reward from request {@code start} on. */
  List<String> tasksWon(String model, int start) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    List<String> pool = available(Math.max(start, n - 1));
    for (int row : data.streamRows()) {
      double[] s = sums.computeIfAbsent(data.task(row), k -> new double[data.models().size() + 1]);
      for (String p : pool) {
        int m = data.models().indexOf(p);
        s[m] += data.reward().of(quality(start, row, m), cost(start, row, m), Double.NaN);
      }
    }
    int target = data.models().indexOf(model);
    List<String> won = new ArrayList<>();
    sums.forEach((task, s) -> {
      boolean best = true;
      for (String p : pool) {
        int m = data.models().indexOf(p);
        if (m != target && s[m] >= s[target]) {
          best = false;
        }
      }
      if (best) {
        won.add(task);
      }
    });
    return won;
  }

  private static double finalShare(int[] chosen, String[] tasks, String task, int m) {
    int seen = 0;
    int got = 0;
    for (int t = chosen.length - 1; t >= 0 && seen < Adaptation.TASK_WINDOW; t--) {
      if (tasks[t].equals(task)) {
        seen++;
        got += chosen[t] == m ? 1 : 0;
      }
    }
    return seen == 0 ? 0 : (double) got / seen;
  }
}
