package dev.signalbox.learn.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.learn.Features;
import java.util.ArrayList;
import java.util.List;

/** The mean prediction of several quality models: their errors partly cancel. */
public final class EnsembleQuality implements QualityModel {
  private final List<QualityModel> members;

  EnsembleQuality(List<QualityModel> members) {
    this.members = List.copyOf(members);
  }

  /** The mean of fitted members. */
  public static EnsembleQuality of(List<QualityModel> members) {
    return new EnsembleQuality(members);
  }

  /** Fits every member learner on the same rows. */
  public static QualityLearner learner(List<QualityLearner> members) {
    return QualityModels.composite("ensemble", members, EnsembleQuality::new);
  }

  @Override
  public double[] predict(Features x) {
    double[] sum = null;
    for (QualityModel m : members) {
      double[] p = m.predict(x);
      if (sum == null) {
        sum = p.clone();
      } else {
        for (int i = 0; i < sum.length; i++) {
          sum[i] += p[i];
        }
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= members.size();
    }
    return sum;
  }

  @Override
  public double[][] predictAll(Features[] xs) {
    double[][] sum = new double[xs.length][];
    for (QualityModel m : members) {
      double[][] p = m.predictAll(xs);
      for (int i = 0; i < xs.length; i++) {
        if (sum[i] == null) {
          sum[i] = p[i].clone();
        } else {
          for (int j = 0; j < sum[i].length; j++) {
            sum[i][j] += p[i][j];
          }
        }
      }
    }
    for (double[] row : sum) {
      for (int j = 0; j < row.length; j++) {
        row[j] /= members.size();
      }
    }
    return sum;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "ensemble");
    ArrayNode arr = n.putArray("members");
    members.forEach(m -> arr.add(m.toJson()));
    return n;
  }

  static EnsembleQuality fromJson(JsonNode n) {
    List<QualityModel> members = new ArrayList<>();
    n.get("members").forEach(m -> members.add(QualityModels.fromJson(m)));
    return new EnsembleQuality(members);
  }
}
