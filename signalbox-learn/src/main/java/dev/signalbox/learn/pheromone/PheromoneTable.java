package dev.signalbox.learn.pheromone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One pheromone specialist per intent (AMRO-S's task-specific tables, so math feedback never moves
 * the code table): τ over the models, and the mean cost each model had for that intent (the
 * heuristic's input). Immutable; the writer derives a new table per batch.
 */
final class PheromoneTable {
  final List<String> intents;
  final List<String> models;
  /** τ[intent][model]. */
  final double[][] tau;
  /** Mean observed cost, USD, [intent][model]; NaN before the first. */
  final double[][] cost;
  /** Observations behind each mean cost. */
  final double[][] costWeight;

  PheromoneTable(List<String> intents, List<String> models, double[][] tau, double[][] cost, double[][] costWeight) {
    this.intents = List.copyOf(intents);
    this.models = List.copyOf(models);
    this.tau = tau;
    this.cost = cost;
    this.costWeight = costWeight;
  }

  /** Every τ at {@code tau0}, no costs seen. */
  static PheromoneTable uniform(List<String> intents, List<String> models, double tau0) {
    int k = intents.size();
    int m = models.size();
    double[][] tau = new double[k][m];
    double[][] cost = new double[k][m];
    for (int i = 0; i < k; i++) {
      java.util.Arrays.fill(tau[i], tau0);
      java.util.Arrays.fill(cost[i], Double.NaN);
    }
    return new PheromoneTable(intents, models, tau, cost, new double[k][m]);
  }

  /** A deep copy for the writer to change. */
  PheromoneTable copy() {
    return new PheromoneTable(intents, models, deep(tau), deep(cost), deep(costWeight));
  }

  /** This table with a model added at {@code tau0} in every intent. */
  PheromoneTable withModel(String model, double tau0) {
    List<String> ms = new ArrayList<>(models);
    ms.add(model);
    double[][] t = new double[tau.length][];
    double[][] c = new double[tau.length][];
    double[][] w = new double[tau.length][];
    for (int i = 0; i < tau.length; i++) {
      t[i] = java.util.Arrays.copyOf(tau[i], ms.size());
      t[i][ms.size() - 1] = tau0;
      c[i] = java.util.Arrays.copyOf(cost[i], ms.size());
      c[i][ms.size() - 1] = Double.NaN;
      w[i] = java.util.Arrays.copyOf(costWeight[i], ms.size());
    }
    return new PheromoneTable(intents, ms, t, c, w);
  }

  /** This table without a model. */
  PheromoneTable withoutModel(String model) {
    int j = models.indexOf(model);
    List<String> ms = new ArrayList<>(models);
    ms.remove(j);
    double[][] t = new double[tau.length][];
    double[][] c = new double[tau.length][];
    double[][] w = new double[tau.length][];
    for (int i = 0; i < tau.length; i++) {
      t[i] = drop(tau[i], j);
      c[i] = drop(cost[i], j);
      w[i] = drop(costWeight[i], j);
    }
    return new PheromoneTable(intents, ms, t, c, w);
  }

  ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.set("intents", Json.MAPPER.valueToTree(intents));
    n.set("models", Json.MAPPER.valueToTree(models));
    n.set("tau", Json.MAPPER.valueToTree(tau));
    n.set("cost", Json.MAPPER.valueToTree(nanToNull(cost)));
    n.set("cost_weight", Json.MAPPER.valueToTree(costWeight));
    return n;
  }

  /** A saved table mapped onto these intents and models: missing ones start at {@code tau0}. */
  PheromoneTable restoredOnto(JsonNode n, List<String> newIntents, List<String> newModels, double tau0) {
    List<String> savedIntents = strings(n.get("intents"));
    List<String> savedModels = strings(n.get("models"));
    PheromoneTable out = uniform(newIntents, newModels, tau0);
    for (int i = 0; i < newIntents.size(); i++) {
      int si = savedIntents.indexOf(newIntents.get(i));
      for (int j = 0; j < newModels.size() && si >= 0; j++) {
        int sj = savedModels.indexOf(newModels.get(j));
        if (sj >= 0) {
          out.tau[i][j] = n.get("tau").get(si).get(sj).asDouble();
          JsonNode c = n.get("cost").get(si).get(sj);
          out.cost[i][j] = c.isNull() ? Double.NaN : c.asDouble();
          out.costWeight[i][j] = n.get("cost_weight").get(si).get(sj).asDouble();
        }
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(s -> out.add(s.asText()));
    return out;
  }

  private static Double[][] nanToNull(double[][] m) {
    Double[][] out = new Double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new Double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = Double.isNaN(m[i][j]) ? null : m[i][j];
      }
    }
    return out;
  }

  private static double[] drop(double[] v, int j) {
    double[] out = new double[v.length - 1];
    System.arraycopy(v, 0, out, 0, j);
    System.arraycopy(v, j + 1, out, j, v.length - j - 1);
    return out;
  }

  private static double[][] deep(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
