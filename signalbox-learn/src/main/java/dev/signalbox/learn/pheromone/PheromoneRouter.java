package dev.signalbox.learn.pheromone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.learn.features.Context;
import dev.signalbox.learn.features.ContextFeatures;
import dev.signalbox.learn.online.Draws;
import dev.signalbox.learn.online.Example;
import dev.signalbox.learn.online.OnlineRouter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pheromone routing in the style of AMRO-S (Wang et al., arXiv 2603.12933; rules reconstructed in
 * algorithms.md §2): one pheromone table per intent ({@link PheromoneTable}), the intent
 * distribution π(k | prompt) from the task model, fused pheromone {@code τ_m = Σ_k π_k τ^k_m},
 * and the choice {@code P(m) ∝ τ_m^α · η_m^β} with the cost heuristic {@code η_m = 1/(ε +
 * ĉ_m/costScale)}. A decision only reads pheromone; outcomes are learned asynchronously by one
 * writer, batch-wise: each outcome evaporates its intents' tables by {@code (1 − ρ)^{π_k}}, and an
 * answer whose quality passes the gate deposits {@code Q · reward · π_k} on its model, one that fails
 * it loses a share of its model's pheromone (a penalty, so a model that starts failing loses its
 * traffic within a few answers rather than as slowly as the others gain pheromone); MAX–MIN
 * clamps keep τ in {@code [τ_min, τ_max]}. The tables read as an intent × model matrix ({@link
 * #matrix}): the explanation of where each kind of prompt goes.
 *
 * <p>Routes have one stage today, so a path is one model; AMRO-S's layered multi-agent paths would
 * need routes with stages.
 */
public final class PheromoneRouter extends OnlineRouter {
  private final PheromoneSettings settings;
  private final Draws draws;
  private volatile PheromoneTable table;

  public PheromoneRouter(Setup setup, PheromoneSettings settings, List<String> models) {
    super(setup);
    this.settings = settings;
    this.draws = setup.draws();
    this.table = PheromoneTable.uniform(setup.features().taskLabels(), models, settings.tauMax());
  }

  @Override
  public List<String> models() {
    return table.models;
  }

  @Override
  public Choice choose(Context context) {
    PheromoneTable t = table;
    double[] p = probabilities(t, context.intent());
    int pick;
    String how;
    if (settings.exploration() > 0 && (settings.exploration() >= 1 || draws.uniform() < settings.exploration())) {
      pick = roulette(p, draws.uniform());
      how = "drawn by pheromone";
    } else {
      pick = 0;
      for (int m = 1; m < p.length; m++) {
        if (p[m] > p[pick]) {
          pick = m;
        }
      }
      how = "most pheromone";
    }
    List<Trace.Alternative> alternatives = new ArrayList<>(p.length);
    for (int m = 0; m < p.length; m++) {
      alternatives.add(new Trace.Alternative(t.models.get(m), t.models.get(m), round(p[m]),
          (m == pick ? "chosen: " : "") + "choice probability " + round(p[m])));
    }
    alternatives.sort(Comparator.comparingDouble(Trace.Alternative::score).reversed());
    return new Choice(t.models.get(pick), how + " for task " + context.task() + ": " + t.models.get(pick)
        + " (P=" + round(p[pick]) + ")", alternatives);
  }

  /** P(m | prompt) ∝ τ_m(q)^α · η_m(q)^β over the fused tables. */
  private double[] probabilities(PheromoneTable t, double[] intent) {
    int models = t.models.size();
    double[] weights = intentWeights(intent, t.intents.size());
    double[] p = new double[models];
    double sum = 0;
    double scale = reward().costScale();
    for (int m = 0; m < models; m++) {
      double tau = 0;
      double cost = 0;
      double costMass = 0;
      for (int k = 0; k < weights.length; k++) {
        if (weights[k] == 0) {
          continue;
        }
        tau += weights[k] * t.tau[k][m];
        if (!Double.isNaN(t.cost[k][m])) {
          cost += weights[k] * t.cost[k][m];
          costMass += weights[k];
        }
      }
      double eta = 1 / (settings.costEpsilon() + (costMass > 0 ? cost / costMass : 0) / scale);
      p[m] = Math.pow(tau, settings.alpha()) * Math.pow(eta, settings.beta());
      sum += p[m];
    }
    for (int m = 0; m < models; m++) {
      p[m] /= sum;
    }
    return p;
  }

  @Override
  protected void apply(List<Update> batch) {
    synchronized (this) {
      PheromoneTable t = table.copy();
      for (Update u : batch) {
        int m = t.models.indexOf(u.model());
        double[] pi = u.context().intent();
        if (m < 0 || pi.length != t.intents.size()) {
          continue; // retired, or learned under another task model
        }
        boolean accepted = !u.outcome().failed() && u.outcome().creditedQuality() >= settings.qualityGate();
        for (int k = 0; k < pi.length; k++) {
          if (pi[k] == 0) {
            continue;
          }
          double keep = Math.pow(1 - settings.evaporation(), pi[k]);
          for (int j = 0; j < t.models.size(); j++) {
            t.tau[k][j] *= keep;
          }
          if (accepted && u.reward() > 0) {
            t.tau[k][m] += settings.deposit() * u.reward() * pi[k];
          } else if (!accepted) {
            t.tau[k][m] *= Math.pow(1 - settings.penalty(), pi[k]);
          }
          for (int j = 0; j < t.models.size(); j++) {
            t.tau[k][j] = Math.max(settings.tauMin(), Math.min(settings.tauMax(), t.tau[k][j]));
          }
          double cost = u.outcome().costUsd();
          if (!Double.isNaN(cost)) {
            double w = t.costWeight[k][m] * keep;
            t.cost[k][m] = Double.isNaN(t.cost[k][m]) ? cost : (t.cost[k][m] * w + cost * pi[k]) / (w + pi[k]);
            t.costWeight[k][m] = w + pi[k];
          }
        }
      }
      table = t;
    }
  }

  @Override
  protected synchronized void reset() {
    table = PheromoneTable.uniform(features().taskLabels(), table.models, settings.tauMax());
  }

  /**
   * Starts each intent's table from examples: τ proportional to each model's mean gated reward
   * (the best model at τ_max), costs from the examples' with weight up to {@code strength}.
   */
  @Override
  public void warmStart(List<String> models, List<Example> examples, double strength) {
    flush();
    ContextFeatures f = features();
    synchronized (this) {
      PheromoneTable t = table.copy();
      int intents = t.intents.size();
      double[][] gain = new double[intents][t.models.size()];
      double[][] costSum = new double[intents][t.models.size()];
      double[] mass = new double[intents];
      for (Example e : examples) {
        double[] pi = intentWeights(f.context(e.signals()).intent(), intents);
        for (int k = 0; k < intents; k++) {
          mass[k] += pi[k];
          for (int j = 0; j < t.models.size(); j++) {
            int column = models.indexOf(t.models.get(j));
            if (column < 0 || pi[k] == 0) {
              continue;
            }
            double q = e.quality()[column];
            double u = reward().of(q, e.cost()[column], Double.NaN);
            if (q >= settings.qualityGate() && u > 0) {
              gain[k][j] += pi[k] * u;
            }
            costSum[k][j] += pi[k] * (Double.isNaN(e.cost()[column]) ? 0 : e.cost()[column]);
          }
        }
      }
      for (int k = 0; k < intents; k++) {
        if (mass[k] == 0) {
          continue;
        }
        double best = 0;
        for (double g : gain[k]) {
          best = Math.max(best, g);
        }
        for (int j = 0; j < t.models.size(); j++) {
          if (models.contains(t.models.get(j))) {
            double share = best > 0 ? gain[k][j] / best : 1;
            t.tau[k][j] = Math.max(settings.tauMin(), settings.tauMax() * share);
            t.cost[k][j] = costSum[k][j] / mass[k];
            t.costWeight[k][j] = Math.min(strength, mass[k]);
          }
        }
      }
      table = t;
    }
  }

  @Override
  public synchronized void onboard(String model) {
    if (!table.models.contains(model)) {
      table = table.withModel(model, settings.tauMax()); // MMAS: a newcomer starts at the ceiling
    }
  }

  @Override
  public synchronized void retire(String model) {
    if (table.models.contains(model) && table.models.size() > 1) {
      table = table.withoutModel(model);
    }
  }

  /** The intent × model matrix of choice probabilities, the readable form of what it learned. */
  public Map<String, Map<String, Double>> matrix() {
    PheromoneTable t = table;
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (int k = 0; k < t.intents.size(); k++) {
      double[] onehot = new double[t.intents.size()];
      onehot[k] = 1;
      double[] p = probabilities(t, onehot);
      Map<String, Double> row = new LinkedHashMap<>();
      for (int m = 0; m < p.length; m++) {
        row.put(t.models.get(m), round(p[m]));
      }
      out.put(t.intents.get(k), row);
    }
    return out;
  }

  @Override
  protected ObjectNode stateJson() {
    return table.toJson();
  }

  @Override
  protected synchronized void restoreState(JsonNode saved, ContextFeatures restoredFeatures) {
    table = table.restoredOnto(saved, restoredFeatures.taskLabels(), table.models, settings.tauMax());
  }

  @Override
  public JsonNode explain() {
    PheromoneTable t = table;
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("policy", policy());
    n.set("reward", reward().toJson());
    n.set("choice_probability", Json.MAPPER.valueToTree(matrix()));
    ObjectNode tau = n.putObject("pheromone");
    for (int k = 0; k < t.intents.size(); k++) {
      ObjectNode row = tau.putObject(t.intents.get(k));
      for (int m = 0; m < t.models.size(); m++) {
        row.put(t.models.get(m), round(t.tau[k][m]));
      }
    }
    return n;
  }

  /** π as weights over the tables; an unknown intent weighs every table equally. */
  private static double[] intentWeights(double[] intent, int intents) {
    double sum = 0;
    for (double p : intent) {
      sum += p;
    }
    if (intent.length != intents || sum == 0) {
      double[] uniform = new double[intents];
      java.util.Arrays.fill(uniform, 1.0 / intents);
      return uniform;
    }
    return intent;
  }

  private static int roulette(double[] p, double u) {
    double acc = 0;
    for (int m = 0; m < p.length; m++) {
      acc += p[m];
      if (u < acc) {
        return m;
      }
    }
    return p.length - 1;
  }
}
